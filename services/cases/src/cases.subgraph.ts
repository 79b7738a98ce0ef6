import type { SubgraphDefinition } from '@kinga/shared';
import { createCasesLoaders, createCasesSnapshots, type CasesContext } from './cases.context';
import { buildCasesSchema } from './cases.schema';
import { loadCasesDemoData } from './demo/load-demo-data';
import { CasesInitial1763900000000 } from './migrations/1763900000000-cases-initial';
import { CasesScaleStatistics1764000000000 } from './migrations/1764000000000-scale-statistics';
import { CasesStatisticsChanges1764100000000 } from './migrations/1764100000000-statistics-changes';
import { CasesSubjectAccess1764200000000 } from './migrations/1764200000000-subject-access';
import { CasesCaseListCounts1764300000000 } from './migrations/1764300000000-case-list-counts';
import { CasesCaseVersion1764500000000 } from './migrations/1764500000000-case-version';
import { CasesCaseIdempotency1764600000000 } from './migrations/1764600000000-case-idempotency';
import { CasesCaregiverHistory1765100000000 } from './migrations/1765100000000-caregiver-history';
import { CasesChildSurnameOptional1765000000000 } from './migrations/1765000000000-child-surname-optional';
import { CasesAppendOnly1764800000000 } from './migrations/1764800000000-append-only';
import { CasesErasure1765300000000 } from './migrations/1765300000000-erasure';
import { CasesNoteConsentIdempotency1765500000000 } from './migrations/1765500000000-note-consent-idempotency';
import { CasesNationalListIndexes1765600000000 } from './migrations/1765600000000-national-list-indexes';
import { CasesChildAndRequestIndexes1765700000000 } from './migrations/1765700000000-child-and-request-indexes';
import { CasesDataSubjectSearchIndexes1765800000000 } from './migrations/1765800000000-data-subject-search-indexes';
import { CasesFirstNameOnlyIndex1765900000000 } from './migrations/1765900000000-first-name-only-index';
import { CasesCaseLastUpdate1766000000000 } from './migrations/1766000000000-case-last-update';
import { CaseEntity } from './modules/case/case.entity';
import { CaregiverEntity, ChildEntity } from './modules/child/child.entity';
import { ConsentEntity } from './modules/consent/consent.entity';
import { CaseNoteEntity } from './modules/note/case-note.entity';
import { ErasureRequestEntity } from './modules/erasure/erasure.entity';
import { SubjectAccessRequestEntity } from './modules/subject-access/subject-access.entity';

export const casesSubgraph: SubgraphDefinition<CasesContext> = {
  name: 'cases',
  defaultPort: 4002,
  entities: [ChildEntity, CaregiverEntity, CaseEntity, CaseNoteEntity, ConsentEntity, SubjectAccessRequestEntity, ErasureRequestEntity],
  migrations: [
    CasesInitial1763900000000,
    CasesScaleStatistics1764000000000,
    CasesStatisticsChanges1764100000000,
    CasesSubjectAccess1764200000000,
    CasesCaseListCounts1764300000000,
    CasesCaseVersion1764500000000,
    CasesCaseIdempotency1764600000000,
    CasesAppendOnly1764800000000,
    CasesChildSurnameOptional1765000000000,
    CasesCaregiverHistory1765100000000,
    CasesErasure1765300000000,
    CasesNoteConsentIdempotency1765500000000,
    CasesNationalListIndexes1765600000000,
    CasesChildAndRequestIndexes1765700000000,
    CasesDataSubjectSearchIndexes1765800000000,
    CasesFirstNameOnlyIndex1765900000000,
    CasesCaseLastUpdate1766000000000,
  ],
  buildSchema: buildCasesSchema,
  createContext: () => {
    const snapshots = createCasesSnapshots();
    return (base) => ({ ...base, loaders: createCasesLoaders(base.db, snapshots) });
  },
  loadDemoData: (database, logger) => loadCasesDemoData(database.dataSource, logger),
};
