import { z } from 'zod';
import { validateInput } from '../errors/validate-input';

/**
 * A filter's list: left out for every value, or naming at least one. An empty list would otherwise read as "no
 * filter" and answer everything (a whole national table, every referral of an agency) to a client that meant
 * to select nothing, such as a partner system sending the statuses a user ticked, none.
 */
export const filterList = <T extends z.ZodTypeAny>(item: T, max = 100) =>
  z.array(item).min(1, 'must name at least one value, or be left out for all').max(max).nullish();

/** `filterList`'s rule for a list whose values GraphQL has already checked (an enum's): refused when empty. */
export function checkFilterList(values: readonly unknown[] | null | undefined, path: string): void {
  validateInput(filterList(z.unknown()), values, path);
}

/** A period's bounds the wrong way round select nothing: said, rather than answered with an empty table. */
export function boundsInOrder<K extends string>(from: K, to: K) {
  return (filter: Partial<Record<K, string | null>>, ctx: z.RefinementCtx): void => {
    const start = filter[from];
    const end = filter[to];
    if (start && end && start > end)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [from], message: `must not be after ${to} (${end})` });
  };
}
