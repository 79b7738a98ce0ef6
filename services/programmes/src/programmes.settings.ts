import { demoAgencyId, loadConfig } from '@kinga/shared';
import { z } from 'zod';

/**
 * NCCS coordinates the plan: its programme officers set targets and review reports. The directory owns
 * agencies and their ids, so this subgraph is told which one NCCS is (`NCCS_AGENCY_ID`); without it, the
 * demo directory's NCCS id, which exists in no real directory, so in a deployment that forgets the
 * setting nobody can review, rather than the wrong agency.
 */
const settingsSchema = z.object({
  NCCS_AGENCY_ID: z.string().uuid('must be the directory id of NCCS').optional(),
});

export interface ProgrammesSettings {
  nccsAgencyId: string;
}

export function loadProgrammesSettings(env: NodeJS.ProcessEnv = process.env): ProgrammesSettings {
  const parsed = loadConfig('the programmes subgraph', settingsSchema, { NCCS_AGENCY_ID: env.NCCS_AGENCY_ID || undefined });
  return { nccsAgencyId: parsed.NCCS_AGENCY_ID ?? demoAgencyId('NCCS') };
}
