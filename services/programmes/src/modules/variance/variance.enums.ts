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
        "A figure that counts children harmed or their cases (Indicator.aboutChildrenHarmed), withheld with the actual and the variance (and a national percentage's target made of county targets weighted by their denominators) from whoever does not read every report line it is made of (NCCS programme officers read all; an agency's officers their agency's in their counties) where what it adds to the lines they read is: a county's figure; nationally, one county's lines, a count of 1 to 4, a percentage of 1 to 4 children in its denominators, a year one of whose quarters is withheld, or a count's year that is not what its quarters make. The national figure is otherwise public.",
    },
  },
});
