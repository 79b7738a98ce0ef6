import { isPublic } from '@kinga/shared';

/** Counties are public reference data. */
export const countyQueryRules = { counties: isPublic, county: isPublic };
export const countyTypeRules = { County: isPublic };
