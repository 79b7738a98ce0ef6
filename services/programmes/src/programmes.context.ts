import { kenyanDate, type Caller, type SubgraphContext } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { createFrameworkLoaders } from './modules/framework/framework.loader';
import { createAgencyReportsLoader } from './modules/report/report-pages.loader';
import { worksOnReport } from './modules/report/report.access';
import { createReportLoaders } from './modules/report/report.loader';
import type { ProgrammesSettings } from './programmes.settings';
import { createObjectiveSpendLoader, createVarianceLoader } from './modules/variance/variance.loader';

export interface ProgrammesContext extends SubgraphContext {
  settings: ProgrammesSettings;
  loaders: ReturnType<typeof createProgrammesLoaders>;
}

/** New loaders per request: batching within it, no cache across callers. */
export function createProgrammesLoaders(db: DataSource, caller: Caller | null, settings: ProgrammesSettings, now: Date) {
  return {
    agencyReports: createAgencyReportsLoader(db, caller, settings),
    ...createFrameworkLoaders(db),
    ...createReportLoaders(db),
    variance: createVarianceLoader(db, kenyanDate(now), (line) => worksOnReport(caller, settings.nccsAgencyId, line)),
    objectiveSpend: createObjectiveSpendLoader(db),
  };
}
