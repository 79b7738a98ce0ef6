/** Smallest count published; a cell counting fewer cases or referrals is suppressed (DESIGN: small cells). */
export const SUPPRESSION_THRESHOLD = 5;

/**
 * Primary suppression (count below the threshold) and then complementary suppression, repeated until stable:
 * along every dimension, each line of the table (cells equal in all other dimensions) has either no
 * suppressed cell, or at least two whose counts add up to the threshold or more. A line's total from a
 * coarser query minus its published cells then gives only a sum of two or more hidden counts, never one of
 * them, and not a sum so small that it pins them down (two hidden cells adding up to 2 are both 1, since an
 * absent cell is a zero). The complement chosen is the smallest published cell of the line (the least
 * information lost) that is not alone in another of its lines: hidden there, it would be that line's total.
 *
 * A line with no published cell left to hide is safe when its hidden total is itself below the threshold (a
 * coarser query hides it too) or spread over several cells. One whose single hidden cell is a complement, at
 * the threshold or more, would give it away, and with it the count it protects: such a line gets a zero cell
 * (`emptyCell`, a combination with nothing in it, at a value its dimension takes elsewhere in the table)
 * hidden beside it, which the answer lists as suppressed, and the sweep goes on from there.
 *
 * `subjects`, where a cell counts events of fewer people than events (referrals of children: one child is
 * referred again and again), is how many people the cell is about: below the threshold, the cell describes
 * those few and is hidden whatever its count.
 */
export function suppress<K extends string, R extends { key: Record<K, string>; count: number; subjects?: number }>(
  rows: readonly R[],
  dimensions: readonly K[],
  emptyCell: (key: Record<K, string>) => R,
): Array<R & { suppressed: boolean }> {
  type Cell = R & { suppressed: boolean };
  const isSmall = (row: R) => row.count < SUPPRESSION_THRESHOLD || (row.subjects ?? row.count) < SUPPRESSION_THRESHOLD;
  // Copies keep the caller's other fields (measures read off the cell) without writing into its rows.
  const cells: Cell[] = rows.map((row) => ({ ...row, suppressed: isSmall(row) }));
  // Written once per cell: serialising keys inside the comparator cost a third of a 16,000-cell table.
  const tieBreaks = new Map(cells.map((cell) => [cell, JSON.stringify(cell.key)]));
  const tieBreak = (cell: Cell): string => tieBreaks.get(cell) as string;
  const valuesOf = new Map(dimensions.map((d) => [d, [...new Set(cells.map((cell) => cell.key[d]))].sort()]));

  // Lines never change but for zero cells added to them, only which of their cells are hidden.
  interface Line {
    dimension: K;
    cells: Cell[];
  }
  const lines: Line[] = [];
  const lineByKey = new Map<string, Line>();
  const linesOf = new Map<Cell, Line[]>();
  const lineKeyOf = (key: Record<K, string>, dimension: K) =>
    `${dimension}\u0001${dimensions
      .filter((d) => d !== dimension)
      .map((d) => key[d])
      .join('\u0000')}`;
  const place = (cell: Cell) => {
    const own: Line[] = [];
    for (const dimension of dimensions) {
      const lineKey = lineKeyOf(cell.key, dimension);
      let line = lineByKey.get(lineKey);
      if (!line) {
        line = { dimension, cells: [] };
        lineByKey.set(lineKey, line);
        lines.push(line);
      }
      line.cells.push(cell);
      own.push(line);
    }
    linesOf.set(cell, own);
  };
  cells.forEach(place);
  for (const line of lines) line.cells.sort((a, b) => a.count - b.count || tieBreak(a).localeCompare(tieBreak(b)));

  const aloneElsewhere = (cell: Cell, line: Line) => (linesOf.get(cell) ?? []).some((other) => other !== line && other.cells.length === 1);
  /**
   * A zero cell, hidden, at the first value of the line's dimension the line lacks whose other lines all have
   * counts: a zero alone in a line would be known for one by that line's absence from a coarser table.
   */
  const addHiddenZero = (line: Line): boolean => {
    const present = new Set(line.cells.map((cell) => cell.key[line.dimension]));
    const keyAt = (value: string): Record<K, string> => ({ ...line.cells[0].key, [line.dimension]: value });
    const value = valuesOf
      .get(line.dimension)
      ?.find((v) => !present.has(v) && dimensions.every((d) => d === line.dimension || lineByKey.has(lineKeyOf(keyAt(v), d))));
    if (value === undefined) return false;
    const zero: Cell = { ...emptyCell(keyAt(value)), count: 0, suppressed: true };
    cells.push(zero);
    place(zero);
    // Smallest first, as every line is kept: a zero goes before the counts.
    for (const own of linesOf.get(zero) ?? []) own.cells.sort((a, b) => a.count - b.count);
    return true;
  };

  let changed = true;
  while (changed) {
    changed = false;
    // Lines added while sweeping are swept in the same pass.
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i];
      const hidden = line.cells.filter((cell) => cell.suppressed);
      if (hidden.length === 0) continue;
      const hiddenTotal = hidden.reduce((sum, cell) => sum + cell.count, 0);
      if (hidden.length >= 2 && hiddenTotal >= SUPPRESSION_THRESHOLD) continue;
      const published = line.cells.filter((cell) => !cell.suppressed);
      const complement = published.find((cell) => !aloneElsewhere(cell, line)) ?? published[0];
      if (complement) {
        complement.suppressed = true;
        changed = true;
      } else if (hidden.length === 1 && !isSmall(hidden[0]) && addHiddenZero(line)) {
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
