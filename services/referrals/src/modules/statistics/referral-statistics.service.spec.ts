import { createLogger, MAX_STATISTICS_CELLS } from '@kinga/shared';
import { ServiceType } from '../referral/referral.enums';
import type { NationalTableCell } from './referral-statistics.national-table';
import { referralStatistics } from './referral-statistics.service';
import type { ReferralStatisticsSnapshots } from './referral-statistics.snapshots';
import { ReferralStatisticsDimension as D } from './referral-statistics.type';

const SERVICES = Object.values(ServiceType);

/** A national table by county, service and month over four years: 47 x 13 x 48 = 29,328 cells of 9 referrals. */
function nationalTable(): NationalTableCell[] {
  const cells: NationalTableCell[] = [];
  for (let county = 1; county <= 47; county += 1)
    for (const service of SERVICES)
      for (let month = 0; month < 48; month += 1) {
        const key = {
          COUNTY: String(county).padStart(3, '0'),
          SERVICE: service,
          MONTH: `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`,
        } as Record<D, string>;
        cells.push({ key, count: 9, subjects: 9, row: {}, suppressed: false });
      }
  return cells;
}

describe('referralStatistics answer size', () => {
  const table = nationalTable();
  const snapshots = { table: async () => ({ cells: table, asOf: new Date() }) } as unknown as ReferralStatisticsSnapshots;
  const logger = createLogger('referrals', 'silent');

  it(`refuses a table of more than ${MAX_STATISTICS_CELLS} cells, saying how to narrow it, and answers it cut by a filter`, async () => {
    await expect(referralStatistics(snapshots, logger, [D.COUNTY, D.SERVICE, D.MONTH], null)).rejects.toMatchObject({
      message: expect.stringContaining('group by fewer dimensions'),
      extensions: { code: 'BAD_USER_INPUT', field: 'groupBy' },
    });
    const nairobi = await referralStatistics(snapshots, logger, [D.COUNTY, D.SERVICE, D.MONTH], { counties: ['047'] });
    expect(nairobi.cells).toHaveLength(SERVICES.length * 48);
    const lastYear = await referralStatistics(snapshots, logger, [D.COUNTY, D.SERVICE, D.MONTH], { fromMonth: '2026-01' });
    expect(lastYear.cells).toHaveLength(47 * SERVICES.length * 12);
  });
});
