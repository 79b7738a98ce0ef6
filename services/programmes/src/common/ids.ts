import { badUserInput } from '@kinga/shared';
import { z } from 'zod';

const uuid = z.string().uuid();

/** Ids are UUIDs: anything else is the caller's mistake, not a database error. */
export function checkId(id: string, field: string, what: string): string {
  if (!uuid.safeParse(id).success) throw badUserInput(`${field}: is not ${what} id`, field);
  return id;
}
