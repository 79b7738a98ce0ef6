/** Smallest count published; a cell counting fewer cases or referrals is suppressed (DESIGN: small cells). */
export const SUPPRESSION_THRESHOLD = 5;

/**
 * Primary suppression (count below the threshold) and then complementary suppression, repeated until stable:
 * along every dimension, each line of the table (cells equal in all other dimensions) has either no
 * suppressed cell, or at least two whose counts add up to the threshold or more. A line's total from a
 * coarser query minus its published cells then gives only a sum of two or more hidden counts, never one of
 * them, and not a sum so small that it pins them down (two hidden cells adding up to 2 are both 1, since an
 * absent cell is a zero). The complement chosen is the smallest published cell of the line (the least
 * information lost). A line with no published cell left to hide needs nothing more: its total is the sum of
 * its hidden cells, which is then itself below the threshold or spread over several of them.
 *
 * `subjects`, where a cell counts events of fewer people than events (referrals of children: one child is
 * referred again and again), is how many people the cell is about: below the threshold, the cell describes
 * those few and is hidden whatever its count.
 */
export function suppress<K extends string, R extends { key: Record<K, string>; count: number; subjects?: number }>(
  rows: readonly R[],
  dimensions: readonly K[],
): Array<R & { suppressed: boolean }> {
  // Copies keep the caller's other fields (measures read off the cell) without writing into its rows.
  const cells = rows.map((row) => ({
    ...row,
    suppressed: row.count < SUPPRESSION_THRESHOLD || (row.subjects ?? row.count) < SUPPRESSION_THRESHOLD,
  }));
  // Written once per cell: serialising keys inside the comparator cost a third of a 16,000-cell table.
  const tieBreaks = new Map(cells.map((cell) => [cell, JSON.stringify(cell.key)]));
  const tieBreak = (cell: (typeof cells)[number]): string => tieBreaks.get(cell) as string;
  // Lines never change, only which of their cells are hidden: group once, then sweep until nothing moves.
  const lines = dimensions.flatMap((dimension) => {
    const others = dimensions.filter((d) => d !== dimension);
    const byLine = new Map<string, typeof cells>();
    for (const cell of cells) {
      const lineKey = others.map((d) => cell.key[d]).join('\u0000');
      let line = byLine.get(lineKey);
      if (!line) byLine.set(lineKey, (line = []));
      line.push(cell);
    }
    return [...byLine.values()].map((line) => line.sort((a, b) => a.count - b.count || tieBreak(a).localeCompare(tieBreak(b))));
  });
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((cell) => cell.suppressed);
      if (hidden.length === 0) continue;
      const hiddenTotal = hidden.reduce((sum, cell) => sum + cell.count, 0);
      if (hidden.length >= 2 && hiddenTotal >= SUPPRESSION_THRESHOLD) continue;
      const complement = line.find((cell) => !cell.suppressed);
      if (complement) {
        complement.suppressed = true;
        changed = true;
      }
    }
  }
  return cells;
}

/**
 * Cells in the order of their keys, dimension by dimension (as `localeCompare` orders each). The keys are
 * read once per cell, not once per comparison.
 */
export function orderByKey<K extends string, T extends { key: Record<K, string> }>(cells: readonly T[], dimensions: readonly K[]): T[] {
  return cells
    .map((cell) => ({ cell, values: dimensions.map((d) => cell.key[d]) }))
    .sort((a, b) => {
      for (let i = 0; i < a.values.length; i += 1) {
        const order = a.values[i].localeCompare(b.values[i]);
        if (order !== 0) return order;
      }
      return 0;
    })
    .map(({ cell }) => cell);
}
