import { loaderPerShape, type CursorValue, type SubgraphContext } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { createCaseLoader } from './modules/case/case.loader';
import { createCaregiversLoader, createChildLoader, createFormerCaregiversPageLoader } from './modules/child/child.loader';
import { createConsentsByCaseLoader } from './modules/consent/consent.loader';
import { createSecCasesByYearLoader, createSecCasesYears } from './modules/indicator/indicator.loader';
import { createNotePageLoader } from './modules/note/case-note.loader';
import { createOpenSubjectAccessLoader, createSubjectAccessRequestLoader } from './modules/subject-access/subject-access.loader';
import { createCaseStatisticsSnapshots, createCaseStatisticsTables } from './modules/statistics/statistics.service';

export interface CasesContext extends SubgraphContext {
  loaders: ReturnType<typeof createCasesLoaders>;
}

/** Tables over all the cases, computed once per server and shared by its requests while current. */
export function createCasesSnapshots() {
  return { statistics: createCaseStatisticsSnapshots(), secCasesYears: createSecCasesYears() };
}

/** New loaders per request: batching within it, no cache across callers (but the server's `snapshots`). */
export function createCasesLoaders(db: DataSource, snapshots: ReturnType<typeof createCasesSnapshots>) {
  return {
    caseById: createCaseLoader(db),
    childById: createChildLoader(db),
    caregiversByChild: createCaregiversLoader(db),
    consentsByCase: createConsentsByCaseLoader(db),
    openSubjectAccessByCase: createOpenSubjectAccessLoader(db),
    subjectAccessRequestById: createSubjectAccessRequestLoader(db),
    secCasesByYear: createSecCasesByYearLoader(db, snapshots.secCasesYears),
    /** The suppressed national table per grouping: N counties of one `_entities` batch cost one statement. */
    caseStatisticsTable: createCaseStatisticsTables(db, snapshots.statistics),
    /** One loader per page shape, so every case asked with the same `first`/`after` shares one statement. */
    notePage: loaderPerShape((limit: number, after: CursorValue[] | null) => createNotePageLoader(db, limit, after)),
    formerCaregiverPage: loaderPerShape((limit: number, after: CursorValue[] | null) => createFormerCaregiversPageLoader(db, limit, after)),
  };
}
