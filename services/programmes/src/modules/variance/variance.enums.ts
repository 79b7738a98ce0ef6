import { registerEnumType } from 'type-graphql';

export enum VarianceStatus {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
  SUPPRESSED = 'SUPPRESSED',
}

registerEnumType(VarianceStatus, {
  name: 'VarianceStatus',
  description: 'How the actual compares with the target (NPA section 7.2: variance analysis).',
  valuesConfig: {
    ON_TRACK: {
      description:
        'Actual at least 90% of target (DECREASE indicators: at most a ninth above it); for DOCUMENT/QUALITATIVE indicators: ACHIEVED.',
    },
    AT_RISK: {
      description:
        'Actual from 60% up to 90% of target (DECREASE: up to two thirds above it); for DOCUMENT/QUALITATIVE indicators: IN_PROGRESS.',
    },
    OFF_TRACK: {
      description: 'Actual below 60% of target (DECREASE: further above it); for DOCUMENT/QUALITATIVE indicators: NOT_STARTED.',
    },
    NO_DATA: {
      description:
        'No target set for a numeric indicator, or no approved report for the scope and period; for a count, a period not yet ended or not every quarter reported yet (nationally, by all 47 counties against a national target, or by the counties whose targets make up a combined one), unless a more-is-better count has already reached its target.',
    },
    SUPPRESSED: {
      description:
        "A figure that counts children harmed or their cases (Indicator.aboutChildrenHarmed) for one county; nationally, one made of a single county's reports, a count below 5, or a year one of whose quarters is withheld: withheld, with the actual and the variance, from everyone but programme officers whose counties take the scope in (a national officer's every scope). The national figure is otherwise public.",
    },
  },
});
