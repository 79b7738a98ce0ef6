import type { SubgraphDefinition } from '@kinga/shared';
import { createProgrammesLoaders, type ProgrammesContext } from './programmes.context';
import { buildProgrammesSchema } from './programmes.schema';
import { loadProgrammesSettings, type ProgrammesSettings } from './programmes.settings';
import { loadProgrammesDemoData } from './demo/load-demo-data';
import { ProgrammesInitial1763900000000 } from './migrations/1763900000000-programmes-initial';
import { ProgrammesIndicatorDirection1764100000000 } from './migrations/1764100000000-indicator-direction';
import { ProgrammesIndicatorAggregation1764400000000 } from './migrations/1764400000000-indicator-aggregation';
import { ProgrammesAppendOnly1764800000000 } from './migrations/1764800000000-append-only';
import { ProgrammesReportEventOrder1765600000000 } from './migrations/1765600000000-report-event-order';
import {
  ActivityEntity,
  AgencyLinkEntity,
  FocusAreaEntity,
  IndicatorEntity,
  ObjectiveEntity,
  PlanAgencyEntity,
  PlanEntity,
} from './modules/framework/framework.entity';
import { loadFramework } from './modules/framework/framework.reference-data';
import { ProgressReportEntity, ProgressReportEventEntity } from './modules/report/report.entity';
import { TargetEntity } from './modules/target/target.entity';

/** Read when the subgraph starts (not when this module loads), so a bad setting is reported as one. */
let settings: ProgrammesSettings | undefined;
const programmesSettings = (): ProgrammesSettings => (settings ??= loadProgrammesSettings());

export const programmesSubgraph: SubgraphDefinition<ProgrammesContext> = {
  name: 'programmes',
  defaultPort: 4004,
  entities: [
    PlanEntity,
    PlanAgencyEntity,
    FocusAreaEntity,
    ObjectiveEntity,
    ActivityEntity,
    IndicatorEntity,
    AgencyLinkEntity,
    TargetEntity,
    ProgressReportEntity,
    ProgressReportEventEntity,
  ],
  migrations: [
    ProgrammesInitial1763900000000,
    ProgrammesIndicatorDirection1764100000000,
    ProgrammesIndicatorAggregation1764400000000,
    ProgrammesAppendOnly1764800000000,
    ProgrammesReportEventOrder1765600000000,
  ],
  buildSchema: buildProgrammesSchema,
  createContext: () => {
    const settings = programmesSettings();
    return (base) => ({ ...base, settings, loaders: createProgrammesLoaders(base.db, base.caller, settings, base.now) });
  },
  loadReferenceData: (database, logger) => loadFramework(database.dataSource, logger),
  loadDemoData: (database, logger) => loadProgrammesDemoData(database.dataSource, logger, programmesSettings()),
};
