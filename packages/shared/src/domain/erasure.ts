import { registerEnumType } from 'type-graphql';

/**
 * Where a data subject's request to erase a case's personal data stands (Data Protection Act 2019, s. 40). The
 * cases subgraph keeps the request; the referrals subgraph reads its status (through the gateway) before it
 * erases what it holds of the case, so both subgraphs name the same values.
 */
export enum ErasureStatus {
  /** Received: the DPO weighs it against the duty to keep child-protection records. */
  OPEN = 'OPEN',
  /** Being carried out: the referrals subgraph may erase its part; the cases subgraph finishes with its own. */
  ERASING = 'ERASING',
  /** The case's personal data is erased; what statistics count is kept. */
  CARRIED_OUT = 'CARRIED_OUT',
  /** Not carried out, with the reason recorded (e.g. a retention duty, a pending court matter). */
  REFUSED = 'REFUSED',
}

registerEnumType(ErasureStatus, {
  name: 'ErasureStatus',
  description: 'Where an erasure request stands; only the DPO carries one out, and only on a closed case.',
  valuesConfig: {
    OPEN: { description: 'Received: the DPO weighs it against the duty to keep child-protection records.' },
    ERASING: {
      description: 'Being carried out and not yet finished (a service could not be reached): carry it out again to finish.',
    },
    CARRIED_OUT: { description: "The case's personal data is erased in every service; what statistics count is kept." },
    REFUSED: { description: 'Not carried out, with the reason recorded.' },
  },
});
