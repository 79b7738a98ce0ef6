import { isPublic } from '@kinga/shared';

/** Suppressed aggregates are public (DESIGN.md "Caller identity": no token sees them too). */
export const statisticsQueryRules = { referralStatistics: isPublic };
export const statisticsTypeRules = { ReferralStatistics: isPublic, ReferralStatisticsCell: isPublic };
