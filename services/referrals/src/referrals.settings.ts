import { loadConfig } from '@kinga/shared';
import { z } from 'zod';

/**
 * The shared subgraph configuration keeps only the settings every subgraph knows, so the referrals
 * subgraph reads its own here, with the same one-message report of every wrong setting.
 */
const settingsSchema = z.object({
  REFERRAL_STATISTICS_MAX_AGE_SECONDS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds, 0 or more (0: statistics are computed for every request)')
    .default('300')
    .transform(Number),
});

export interface ReferralsSettings {
  /** How long a national statistics table is reused; 0 computes it for every request. */
  statisticsMaxAgeSeconds: number;
}

export function loadReferralsSettings(env: NodeJS.ProcessEnv = process.env): ReferralsSettings {
  const parsed = loadConfig('the referrals subgraph', settingsSchema, env);
  return { statisticsMaxAgeSeconds: parsed.REFERRAL_STATISTICS_MAX_AGE_SECONDS };
}
