import DataLoader from 'dataloader';
import { UUID_PATTERN } from '../audit/audit-recorder';

/**
 * Rows by `keyOf(row)`, each group in the order of `rows`, in one pass however many keys there are; a key
 * no row has is absent from the map.
 */
// Map.groupBy would do this, but it arrived in Node 21 and the services run on Node 20.
export function groupBy<T, K>(rows: Iterable<T>, keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * A loader of the rows belonging to each key (children by parent id): `load` fetches the rows of a whole
 * batch of keys in one statement, in the order each key's rows should keep; a key without rows gets `[]`.
 */
export function groupedLoader<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = groupBy(await load([...keys]), keyOf);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * A loader of rows by their uuid `id`, every id of a batch in one statement; an unknown id gets null. An id that
 * is not a uuid gets null without reaching PostgreSQL, which would refuse the whole batch for it, and with it
 * every other lookup of the request batched alongside (`{ a: agency(id: "x") b: agency(id: <real>) }`).
 */
export function rowByIdLoader<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const wellFormed = ids.filter((id) => UUID_PATTERN.test(id));
    const byId = new Map((wellFormed.length > 0 ? await load(wellFormed) : []).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
