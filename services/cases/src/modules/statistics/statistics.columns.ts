import type { AgeBand, CaseCategory, Sex } from '../case/case.enums';
import { StatisticsDimension, type CaseStatistics, type CaseStatisticsColumns } from './statistics.type';

/** The cells of `statistics` as one list per field, the dimensions not grouped by left out (null). */
export function toColumns({ groupBy, cells }: CaseStatistics): CaseStatisticsColumns {
  const grouped = new Set(groupBy);
  const column = <T>(dimension: StatisticsDimension, read: (cell: CaseStatistics['cells'][number]) => T | null): T[] | null =>
    grouped.has(dimension) ? cells.map((cell) => read(cell) as T) : null;
  return {
    countyCodes: column<string>(StatisticsDimension.COUNTY, (cell) => cell.countyCode),
    categories: column<CaseCategory>(StatisticsDimension.CATEGORY, (cell) => cell.category),
    quarters: column<string>(StatisticsDimension.QUARTER, (cell) => cell.quarter),
    sexes: column<Sex>(StatisticsDimension.SEX, (cell) => cell.sex),
    ageBands: column<AgeBand>(StatisticsDimension.AGE_BAND, (cell) => cell.ageBand),
    counts: cells.map((cell) => cell.count),
    suppressed: cells.map((cell) => cell.suppressed),
  };
}
