// The service points the scale data set refers children between: in every county a children's office (DCS),
// a police CPU (NPS), a hospital GBV desk (MOH) and a Childline programme. Ids follow the directory demo's
// convention (`demoProviderId('CPU-047')`, with the same fixed keys), so the demo callers' providers receive
// the referrals of their county and the ones the directory demo already has are reused, not duplicated.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { countyServicePointKey, demoAgencyId, demoProviderId, KENYAN_COUNTY_CODES } = require('@kinga/shared');

/** kind: 0 the sender (children's office), 1..3 the recipients a case is referred to, in this order. */
export const PROVIDER_KINDS = [
  {
    kind: 0,
    prefix: 'DCS',
    agency: 'DCS',
    agencyType: 'GOVERNMENT',
    providerType: 'CHILDREN_OFFICE',
    role: 'DCS_OFFICER',
    label: "Children's Office",
    services: ['CASE_MANAGEMENT', 'FAMILY_TRACING_AND_REINTEGRATION', 'PSYCHOSOCIAL_SUPPORT'],
  },
  {
    kind: 1,
    prefix: 'CPU',
    agency: 'NPS',
    agencyType: 'POLICE',
    providerType: 'POLICE_CPU',
    role: 'POLICE_CPU',
    label: 'Police Child Protection Unit',
    services: ['POLICE_INVESTIGATION', 'SAFE_SHELTER'],
  },
  {
    kind: 2,
    prefix: 'GBV',
    agency: 'MOH',
    agencyType: 'HEALTH',
    providerType: 'GBVRC',
    role: 'GBVRC_CLINICIAN',
    label: 'County Hospital GBV Recovery Centre',
    services: ['MEDICAL_CARE', 'POST_EXPOSURE_PROPHYLAXIS', 'FORENSIC_EXAMINATION', 'PSYCHOSOCIAL_SUPPORT'],
  },
  {
    kind: 3,
    prefix: 'NGO',
    agency: 'CHILDLINE',
    agencyType: 'NGO',
    providerType: 'NGO_PROGRAMME',
    role: 'NGO_CASEWORKER',
    label: 'Childline Kenya Programme',
    services: ['PSYCHOSOCIAL_SUPPORT', 'HELPLINE_COUNSELLING', 'CASE_MANAGEMENT'],
  },
];

export const SEED_AGENCIES = {
  DCS: demoAgencyId('DCS'),
  NPS: demoAgencyId('NPS'),
  MOH: demoAgencyId('MOH'),
  CHILDLINE: demoAgencyId('CHILDLINE'),
  NCCS: demoAgencyId('NCCS'),
};

export const COUNTY_CODES = KENYAN_COUNTY_CODES;

/** One row per county and kind: what the SQL joins on. */
export function seedProviders() {
  return COUNTY_CODES.flatMap((county) =>
    PROVIDER_KINDS.map((k) => {
      const key = k.prefix === 'NGO' && county !== '047' ? `CHILDLINE-${county}` : countyServicePointKey(k.prefix, county);
      return {
        county,
        kind: k.kind,
        providerId: demoProviderId(key),
        agencyId: demoAgencyId(k.agency),
        agencyType: k.agencyType,
        providerType: k.providerType,
        role: k.role,
        name: `${k.label} ${county} (scale data)`,
        services: k.services,
      };
    }),
  );
}
