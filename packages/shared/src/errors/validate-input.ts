import { z } from 'zod';
import { badUserInput } from './errors';

/**
 * Checks a mutation's input against a zod schema; the first problem becomes a BAD_USER_INPUT error whose
 * `field` is the input path (`input.phone`), with a message a person can act on. Values are never echoed.
 */
export function validateInput<S extends z.ZodTypeAny>(schema: S, value: unknown, root = 'input'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [root, ...issue.path.map(String)].join('.');
  throw badUserInput(`${field}: ${issue.message}`, field);
}

/**
 * A Kenyan number as people write it: +254 or 0, then nine digits of which the first is not 0 (mobiles 07 and
 * 01, landlines such as 020 and 041, 0800 lines). Numbers that are all zeros reach nobody.
 */
export const KENYAN_SUBSCRIBER_PHONE = /^(?:\+254|0)[1-9]\d{8}$/;

/**
 * A service's number: a subscriber number, or a short code (116, 1195, 999), which only services have. It is
 * published in the public directory for someone looking for help to call.
 */
export const KENYAN_PHONE = /^(?:(?:\+254|0)[1-9]\d{8}|[1-9]\d{2,4})$/;

/**
 * A day written YYYY-MM-DD that exists on the calendar: 2025-02-30 does not, though `Date.parse` would roll it
 * over to 2 March, and PostgreSQL's own refusal would reach the caller without the field's name.
 */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO 8601 date, e.g. 2025-03-31')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'is not a calendar date',
  });
