import { badUserInput } from '../errors/errors';
import { SUPPRESSION_THRESHOLD } from './suppression';

export interface ReportingPeriod {
  year: number;
  /** 1-4, or null for the whole year. */
  quarter: number | null;
  /** Inclusive start and exclusive end, as ISO dates (Kenyan calendar days). */
  from: string;
  to: string;
}

/** A calendar year or quarter, as the NPA reports them. */
export function reportingPeriod(year: number, quarter?: number | null): ReportingPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput('year must be a year such as 2026', 'year');
  if (quarter !== null && quarter !== undefined && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    throw badUserInput('quarter must be 1, 2, 3 or 4', 'quarter');
  }
  const firstMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const iso = (y: number, m: number) => `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  return { year, quarter: quarter ?? null, from: iso(year, firstMonth), to: iso(year, firstMonth + months) };
}

export interface ObservedCounts {
  /** Per county code: the count, or null where it is suppressed. Counties with no record are 0. */
  byCounty: ReadonlyMap<string, number | null>;
  /** The national total, or null below the threshold. */
  national: number | null;
}

/** A figure's published year: the whole year and each quarter, per county and nationally. */
export interface ObservedYear {
  year: ObservedCounts;
  /** Quarters 1-4, in order. */
  quarters: readonly ObservedCounts[];
}

export interface ObservedYearRows {
  /** Per county and quarter (1-4). */
  quarters: ReadonlyArray<{ county: string; quarter: number; count: number }>;
  /**
   * Per county for the whole year, where the figure is not the sum of its quarters (a case referred in two
   * quarters counts once in the year); omitted, each county's year is the sum of its quarters.
   */
  years?: ReadonlyArray<{ county: string; count: number }>;
}

interface Cell {
  count: number;
  hidden: boolean;
}

/**
 * Publishes a year of one figure, per county and nationally, by quarter and for the whole year, as one table
 * (counties and the nation down, the four quarters and the year across), so that no hidden count follows
 * from subtracting published ones, whichever of the ten periods and places a caller asks for:
 *
 * - a count below the threshold is hidden (zero is published: an absent county tells nothing more);
 * - then, until nothing changes, every line (a county's or the nation's quarters with its year; one period's
 *   counties with the national figure) whose total is published hides no cell, or two or more adding up to
 *   the threshold or more; and a line whose total is hidden hides another of its cells too, since a total
 *   hidden alone is the sum of the published ones. The complement is the line's smallest published cell
 *   above zero, or a zero where none is left (so a hidden count may be a zero);
 * - and every hidden count lies on a cycle of hidden counts through rows and columns (below), since one that
 *   does not is fixed by adding and subtracting whole rows and columns.
 *
 * Suppressing each period on its own let a county's hidden quarter be read off its published year minus its
 * published quarters.
 */
export function publishObservedYear(rows: ObservedYearRows, allCounties: readonly string[]): ObservedYear {
  const YEAR = 0;
  const periods = [YEAR, 1, 2, 3, 4];
  const emptyRow = (): Cell[] => periods.map(() => ({ count: 0, hidden: false }));
  const counties = new Map(allCounties.map((code) => [code, emptyRow()]));
  const nation = emptyRow();
  const rowOf = (county: string): Cell[] => {
    let row = counties.get(county);
    if (!row) counties.set(county, (row = emptyRow()));
    return row;
  };
  for (const { county, quarter, count } of rows.quarters) {
    rowOf(county)[quarter].count += count;
    nation[quarter].count += count;
    if (!rows.years) {
      rowOf(county)[YEAR].count += count;
      nation[YEAR].count += count;
    }
  }
  for (const { county, count } of rows.years ?? []) {
    rowOf(county)[YEAR].count += count;
    nation[YEAR].count += count;
  }
  const all = [...counties.values(), nation];
  for (const row of all) for (const cell of row) cell.hidden = cell.count > 0 && cell.count < SUPPRESSION_THRESHOLD;

  const countyRows = [...counties.values()];
  const lines: Array<{ total: Cell; cells: Cell[] }> = [
    ...all.map((row) => ({ total: row[YEAR], cells: row.slice(1) })),
    ...periods.map((period) => ({ total: nation[period], cells: countyRows.map((row) => row[period]) })),
  ];
  // The smallest published count above zero among `cells`, or else a zero.
  const smallestPublished = (cells: Iterable<Cell>): Cell | undefined => {
    let complement: Cell | undefined;
    for (const cell of cells) {
      if (cell.hidden) continue;
      if (!complement || (cell.count > 0 && (complement.count === 0 || cell.count < complement.count))) complement = cell;
    }
    return complement;
  };
  const hide = (cell: Cell | undefined): boolean => {
    if (!cell) return false;
    cell.hidden = true;
    return true;
  };
  const lineRules = (): boolean => {
    let changed = false;
    for (const line of lines) {
      const hidden = line.cells.filter((cell) => cell.hidden);
      const hiddenTotal = hidden.reduce((sum, cell) => sum + cell.count, 0);
      const safe = line.total.hidden
        ? hidden.length >= 1
        : hidden.length === 0 || (hidden.length >= 2 && hiddenTotal >= SUPPRESSION_THRESHOLD);
      // A zero where nothing else is left: a line whose one hidden count is a complement (at the threshold or
      // more) would give it away, and with it the count it protects elsewhere.
      if (!safe && hide(smallestPublished(line.cells))) changed = true;
    }
    return changed;
  };

  // Lines one at a time are not enough: rows and columns added and subtracted together give away a hidden
  // count that no cycle of hidden counts passes through. Seen as a graph whose nodes are the rows and columns
  // and whose edges are the hidden cells, a hidden cell is determined exactly when it is a bridge, so each
  // bridge gets a complement that closes a cycle through it.
  const rowCount = all.length;
  const cellAt = (row: number, period: number) => all[row][period];
  const reachable = (fromRow: number | null, fromPeriod: number | null, without: Cell) => {
    const rows = new Set<number>(fromRow === null ? [] : [fromRow]);
    const cols = new Set<number>(fromPeriod === null ? [] : [fromPeriod]);
    const queue: Array<['row' | 'col', number]> = fromRow === null ? [['col', fromPeriod as number]] : [['row', fromRow]];
    while (queue.length > 0) {
      const [kind, index] = queue.pop()!;
      if (kind === 'row') {
        for (const period of periods) {
          const cell = cellAt(index, period);
          if (cell.hidden && cell !== without && !cols.has(period)) {
            cols.add(period);
            queue.push(['col', period]);
          }
        }
      } else {
        for (let row = 0; row < rowCount; row++) {
          const cell = cellAt(row, index);
          if (cell.hidden && cell !== without && !rows.has(row)) {
            rows.add(row);
            queue.push(['row', row]);
          }
        }
      }
    }
    return { rows, cols };
  };
  const closeOneBridge = (): boolean => {
    for (let row = 0; row < rowCount; row++) {
      for (const period of periods) {
        const cell = cellAt(row, period);
        if (!cell.hidden) continue;
        const fromRow = reachable(row, null, cell);
        if (fromRow.cols.has(period)) continue; // on a cycle
        const fromCol = reachable(null, period, cell);
        const across: Cell[] = [];
        for (const r of fromRow.rows) for (const p of fromCol.cols) across.push(cellAt(r, p));
        for (const r of fromCol.rows) for (const p of fromRow.cols) across.push(cellAt(r, p));
        // One published cell across closes the cycle; without one, reach further from both ends.
        if (hide(smallestPublished(across))) return true;
        const alongRow = hide(smallestPublished(periods.map((p) => cellAt(row, p))));
        const alongColumn = hide(smallestPublished(all.map((r) => r[period])));
        if (alongRow || alongColumn) return true;
      }
    }
    return false;
  };
  while (lineRules() || closeOneBridge());

  const published = (period: number): ObservedCounts => ({
    byCounty: new Map([...counties.entries()].map(([county, row]) => [county, row[period].hidden ? null : row[period].count])),
    national: nation[period].hidden ? null : nation[period].count,
  });
  return { year: published(YEAR), quarters: [1, 2, 3, 4].map(published) };
}

/** The published counts of one period of a published year. */
export function observedCountsOf(year: ObservedYear, period: ReportingPeriod): ObservedCounts {
  return period.quarter ? year.quarters[period.quarter - 1] : year.year;
}
