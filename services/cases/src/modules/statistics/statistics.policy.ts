import { hasRole, isPublic } from '@kinga/shared';
import { STATISTICS_ROLES } from './statistics.service';

export const statisticsQueryRules = { caseStatistics: hasRole(...STATISTICS_ROLES) };
export const statisticsTypeRules = {
  County: { code: isPublic, caseStatistics: hasRole(...STATISTICS_ROLES) },
  CaseStatistics: isPublic,
  CaseStatisticsCell: isPublic,
  CaseStatisticsColumns: isPublic,
};
