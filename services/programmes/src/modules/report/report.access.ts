import { Role, worksInCounty, type Caller } from '@kinga/shared';
import { ProgressReportStatus } from './report.enums';

/**
 * Whether the caller's counties claim reaches a report's or target's county (null: national, which only a
 * national officer, one whose token names no counties, reaches). DESIGN.md: `counties` are those the caller
 * works in; an empty list is national.
 */
export function reachesCounty(caller: Caller | null, countyCode: string | null): boolean {
  if (!caller) return false;
  return countyCode === null ? caller.counties.length === 0 : worksInCounty(caller, countyCode);
}

/** NCCS coordinates the plan: its programme officers set targets and review every agency's reports. */
export function isNccsProgrammeOfficer(caller: Caller | null, nccsAgencyId: string): boolean {
  return caller?.role === Role.PROGRAMME_OFFICER && caller.agencyId === nccsAgencyId;
}

/**
 * Reports not yet approved are working documents: the reporting agency's programme officers see them in the
 * counties they work in (where they may write them), and NCCS's, who review them, everywhere. Approved figures
 * are public.
 */
export function canSeeReport(
  caller: Caller | null,
  nccsAgencyId: string,
  report: { status: ProgressReportStatus; agencyId: string; countyCode: string },
): boolean {
  return report.status === ProgressReportStatus.APPROVED || worksOnReport(caller, nccsAgencyId, report);
}

/**
 * Those whose work a report line is: the reporting agency's programme officers in the counties they work in, who
 * write it, and NCCS's everywhere, who review it.
 */
export function worksOnReport(caller: Caller | null, nccsAgencyId: string, report: { agencyId: string; countyCode: string }): boolean {
  if (isNccsProgrammeOfficer(caller, nccsAgencyId)) return true;
  return caller?.role === Role.PROGRAMME_OFFICER && caller.agencyId === report.agencyId && reachesCounty(caller, report.countyCode);
}

/** Who may see which reports, as a query-builder condition on the alias `r`: the same decision as `canSeeReport`. */
export function reportVisibilitySql(caller: Caller | null, nccsAgencyId: string): { sql: string; params: Record<string, unknown> } {
  if (isNccsProgrammeOfficer(caller, nccsAgencyId)) return { sql: 'TRUE', params: {} };
  if (caller?.role === Role.PROGRAMME_OFFICER && caller.agencyId) {
    if (caller.counties.length === 0)
      return { sql: `(r.status = 'APPROVED' OR r.agencyId = :visibleAgencyId)`, params: { visibleAgencyId: caller.agencyId } };
    return {
      sql: `(r.status = 'APPROVED' OR (r.agencyId = :visibleAgencyId AND r.countyCode IN (:...visibleCounties)))`,
      params: { visibleAgencyId: caller.agencyId, visibleCounties: caller.counties },
    };
  }
  return { sql: `r.status = 'APPROVED'`, params: {} };
}
