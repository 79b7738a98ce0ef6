/** Smallest count published; a cell with fewer referrals is suppressed. The same rule as the cases subgraph's. */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell<K extends string> {
  key: Record<K, string>;
  count: number;
  suppressed: boolean;
}

/**
 * Primary suppression (count below the threshold), then complementary suppression until stable: along every
 * dimension each line of the table (cells equal in all other dimensions) has no suppressed cell or at least
 * two, so a line's total from a coarser query minus its published cells gives a sum of two or more hidden
 * counts, never one. The complement is the smallest published cell of the line (least information lost).
 * The method the cases subgraph publishes case counts with, so the two kinds of statistics agree.
 */
export function suppress<K extends string>(
  rows: ReadonlyArray<{ key: Record<K, string>; count: number }>,
  dimensions: readonly K[],
): Cell<K>[] {
  const cells: Cell<K>[] = rows.map((row) => ({ key: row.key, count: row.count, suppressed: row.count < SUPPRESSION_THRESHOLD }));
  let changed = true;
  while (changed) {
    changed = false;
    for (const dimension of dimensions) {
      const lines = new Map<string, Cell<K>[]>();
      for (const cell of cells) {
        const lineKey = dimensions
          .filter((d) => d !== dimension)
          .map((d) => cell.key[d])
          .join('\u0000');
        lines.set(lineKey, [...(lines.get(lineKey) ?? []), cell]);
      }
      for (const line of lines.values()) {
        if (line.filter((cell) => cell.suppressed).length !== 1) continue;
        const complement = line
          .filter((cell) => !cell.suppressed)
          .sort((a, b) => a.count - b.count || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)))[0];
        if (complement) {
          complement.suppressed = true;
          changed = true;
        }
      }
    }
  }
  return cells;
}
