import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isUniqueViolation } from '../database/postgres-errors';

/** A client's key for one write, so that its retry after an unknown outcome makes nothing twice. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, 'must be at least 8 characters (a UUID is a good key)')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w.:-]+$/, 'may hold only letters, digits and . _ : -');

/** What a retry is recognised by: the request as sent (graphql-js gives an input's fields in the schema's order). */
export function requestDigest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * A write that may take an idempotency key. With one, an earlier write of the same request under it (`find`,
 * which says CONFLICT itself when the key was used for another request) answers before anything is checked
 * again; and when two retries race, the key's unique index lets one `write`, and the other answers with what it
 * wrote. Without one, it just writes.
 */
export async function writeOnce<T>(
  key: string | null | undefined,
  request: unknown,
  find: (key: string, digest: string) => Promise<T | null>,
  write: (digest: string | null) => Promise<T>,
): Promise<T> {
  if (!key) return write(null);
  const digest = requestDigest(request);
  const earlier = await find(key, digest);
  if (earlier) return earlier;
  try {
    return await write(digest);
  } catch (error) {
    const winner = isUniqueViolation(error) ? await find(key, digest) : null;
    if (winner) return winner;
    throw error;
  }
}
