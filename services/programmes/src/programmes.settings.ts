import { demoAgencyId, loadConfig } from '@kinga/shared';
import { z } from 'zod';

/**
 * NCCS coordinates the plan: its programme officers set targets and review reports. The directory owns
 * agencies and their ids, so this subgraph is told which one NCCS is (`NCCS_AGENCY_ID`). Production refuses
 * to start without it; elsewhere it defaults to the demo directory's NCCS.
 */
const settingsSchema = z.object({
  NODE_ENV: z.string().optional(),
  NCCS_AGENCY_ID: z.string().uuid('must be the directory id of NCCS').optional(),
});

export interface ProgrammesSettings {
  nccsAgencyId: string;
}

export function loadProgrammesSettings(env: NodeJS.ProcessEnv = process.env): ProgrammesSettings {
  const parsed = loadConfig(
    'the programmes subgraph',
    settingsSchema,
    { NODE_ENV: env.NODE_ENV, NCCS_AGENCY_ID: env.NCCS_AGENCY_ID },
    (c) =>
      c.NODE_ENV === 'production' && !c.NCCS_AGENCY_ID
        ? ['NCCS_AGENCY_ID: missing: the directory id of NCCS, whose programme officers set targets and review reports']
        : [],
  );
  return { nccsAgencyId: parsed.NCCS_AGENCY_ID ?? demoAgencyId('NCCS') };
}
