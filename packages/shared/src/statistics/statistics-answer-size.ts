import { badUserInput } from '../errors/errors';

/**
 * The most cells a statistics answer holds: county x category x quarter over ten years (about 22,000) fits. The
 * gateway's answer-size estimate counts a table as at most 1,000 cells (a national table is computed once and
 * kept, so it is served whole), which holds only while no answer is much larger: by county, category, quarter,
 * sex and age band, the national table draws on 166,000 summary rows at 1,000,000 cases, towards a million values
 * in its columns, enough to stop a gateway worker.
 */
export const MAX_STATISTICS_CELLS = 25_000;

/** Refuses an answer of more than MAX_STATISTICS_CELLS cells, before any of it is sent. */
export function checkStatisticsAnswerSize(cells: number): void {
  if (cells > MAX_STATISTICS_CELLS)
    throw badUserInput(
      `groupBy: the table asked for has more than ${MAX_STATISTICS_CELLS.toLocaleString('en')} cells: group by fewer dimensions, or choose counties, values or a period with filter`,
      'groupBy',
    );
}
