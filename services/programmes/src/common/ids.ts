import { badUserInput } from '@kinga/shared';
import { z } from 'zod';

const uuid = z.string().uuid();

export const isUuid = (value: string): boolean => uuid.safeParse(value).success;

/** Ids are UUIDs: anything else is the caller's mistake, not a database error. */
export function checkId(id: string, field: string, what: string): string {
  if (!isUuid(id)) throw badUserInput(`${field}: is not ${what} id`, field);
  return id;
}
