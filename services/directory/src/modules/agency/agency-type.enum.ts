export { AgencyType } from '@kinga/shared';
