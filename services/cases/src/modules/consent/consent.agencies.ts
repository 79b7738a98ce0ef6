import { checkDirectoryAgencies, ConsentBasis, MANDATORY_REPORTING_AGENCY_TYPES } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/**
 * The agencies a consent names must exist and be active. A consent naming no real agency covers no one: the
 * clinician it was meant for would be refused the child's data at midnight with nothing to act on. The
 * likeliest slip is the provider's id just used as `toProviderId`.
 */
export function checkConsentAgencies(ctx: CasesContext, sent: readonly string[], basis: ConsentBasis): Promise<void> {
  return checkDirectoryAgencies(ctx, sent, {
    field: 'input.agencyIds',
    entry: (index) => `input.agencyIds[${index}]`,
    checking: 'the agencies the consent names',
    whyActive: 'a consent for it would cover no one',
    takes: 'a consent names agencies',
    // The law's basis for the police is not a consent any other agency can act on (access.ts consentAddresses).
    ...(basis === ConsentBasis.MANDATORY_REPORTING
      ? { onlyTypes: { types: MANDATORY_REPORTING_AGENCY_TYPES, why: 'mandatory reporting covers police agencies only' } }
      : {}),
  });
}
