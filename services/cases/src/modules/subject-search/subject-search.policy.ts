import { dataProtectionOfficer } from '../data-subject/data-subject-request.policy';

export const subjectSearchQueryRules = { dataSubjectCases: dataProtectionOfficer };

export const subjectSearchTypeRules = { DataSubjectCase: dataProtectionOfficer };
