import { registerEnumType } from 'type-graphql';

/**
 * A figure Kinga computes from its own records, to set beside what agencies report for an NPA indicator.
 * The programmes subgraph links indicators to these; the subgraph that owns the data (cases, referrals)
 * contributes the observed value to the `Indicator` entity. One definition, so the composed enums agree.
 */
export enum LiveMetric {
  /** Cases of sexual exploitation opened (cases subgraph). */
  SEC_CASES_REPORTED = 'SEC_CASES_REPORTED',
  /** Cases referred to a service provider at least once (referrals subgraph). */
  CASES_REFERRED = 'CASES_REFERRED',
}

registerEnumType(LiveMetric, {
  name: 'LiveMetric',
  description: 'A figure Kinga computes from its own case and referral records, observed beside what agencies report.',
  valuesConfig: {
    SEC_CASES_REPORTED: { description: 'Cases of sexual exploitation of children opened in Kinga (computed by the cases subgraph).' },
    CASES_REFERRED: { description: 'Cases referred to a service provider at least once (computed by the referrals subgraph).' },
  },
});
