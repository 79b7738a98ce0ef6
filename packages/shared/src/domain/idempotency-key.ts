import { z } from 'zod';

/** A client's key for one write, so that its retry after an unknown outcome makes nothing twice. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, 'must be at least 8 characters (a UUID is a good key)')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w.:-]+$/, 'may hold only letters, digits and . _ : -');
