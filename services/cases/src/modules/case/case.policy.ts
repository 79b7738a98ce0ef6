import { hasRole, hasRoleForRecord, isPublic, Role, rulesFromTierTable, Tier, type ShieldRule } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { caseFacts } from './case-scope';
import { findCaseIdByNumber } from './case.service';
import type { CaseView } from './case.type';

/**
 * THE statement of who may see which field of a case: each field's sensitivity tier. `decideFieldAccess`
 * (packages/shared/src/permissions/access.ts) turns a tier into a decision from the caller's role, their
 * relationship to the case and the case's consents; README "Who can see what" is generated from this table.
 */
export const CASE_FIELD_TIERS = {
  id: Tier.PUBLIC,
  caseNumber: Tier.OPERATIONAL,
  countyCode: Tier.OPERATIONAL,
  county: Tier.OPERATIONAL,
  status: Tier.OPERATIONAL,
  categories: Tier.OPERATIONAL,
  riskLevel: Tier.OPERATIONAL,
  ownerAgency: Tier.OPERATIONAL,
  ownerProvider: Tier.OPERATIONAL,
  assignedOfficerSub: Tier.OPERATIONAL,
  assignedOfficerName: Tier.OPERATIONAL,
  openedOn: Tier.OPERATIONAL,
  closedOn: Tier.OPERATIONAL,
  erasedAt: Tier.OPERATIONAL,
  createdAt: Tier.OPERATIONAL,
  updatedAt: Tier.OPERATIONAL,
  version: Tier.OPERATIONAL,
  child: Tier.OPERATIONAL,
  consents: Tier.OPERATIONAL,
  clinicalNotes: Tier.CLINICAL,
  closeReason: Tier.NARRATIVE,
  incidentNarrative: Tier.NARRATIVE,
  perpetratorDetails: Tier.NARRATIVE,
  notes: Tier.NARRATIVE,
} as const satisfies Record<string, Tier>;

/** Roles that can be related to a case at all; everyone else sees only suppressed aggregates. */
export const CASE_READER_ROLES: readonly Role[] = [
  Role.DCS_OFFICER,
  Role.DCS_SUPERVISOR,
  Role.POLICE_CPU,
  Role.GBVRC_CLINICIAN,
  Role.NGO_CASEWORKER,
  Role.PARTNER_SYSTEM,
];

/** Who may call each root field; the field rules above then decide what of each case they see. */
export const CASE_QUERY_ROLES: Readonly<Record<'case' | 'caseByNumber' | 'cases', readonly Role[]>> = {
  case: CASE_READER_ROLES,
  // The roles that can own a case (ownsRecord): the number answers its owners only; a referral's parties reach
  // the case through their referral, and a role refused outright learns nothing of which numbers exist.
  caseByNumber: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR, Role.PARTNER_SYSTEM],
  // A list needs a relationship the cases subgraph can see by itself: ownership (officers) or county
  // (supervisors). Referral parties reach their cases through their referrals.
  cases: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
};

/** Who may call each mutation; the service then checks the relationship (owning agency, county). */
export const CASE_MUTATION_ROLES: Readonly<Record<string, readonly Role[]>> = {
  openCase: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  updateCase: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  addCaseNote: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  assignCase: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  recordConsent: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  revokeConsent: [Role.DCS_OFFICER, Role.DCS_SUPERVISOR],
  closeCase: [Role.DCS_SUPERVISOR],
};

const rolesToRules = (table: Readonly<Record<string, readonly Role[]>>) =>
  Object.fromEntries(Object.entries(table).map(([field, roles]) => [field, hasRole(...roles)])) as Record<string, ShieldRule>;

export const caseQueryRules = {
  ...rolesToRules(CASE_QUERY_ROLES),
  // A lookup by number refused by role is on the numbered case's trail, as one by a role without the case is.
  caseByNumber: hasRoleForRecord<CasesContext>(CASE_QUERY_ROLES.caseByNumber, {
    recordType: 'Case',
    findRecordId: (args, ctx) => findCaseIdByNumber(ctx, args.caseNumber),
  }),
};
export const caseMutationRules = rolesToRules(CASE_MUTATION_ROLES);

export const caseTypeRules: Record<string, ShieldRule | Record<string, ShieldRule>> = {
  Case: {
    ...rulesFromTierTable(CASE_FIELD_TIERS, {
      recordType: 'Case',
      recordId: (c: CaseView) => c.id,
      facts: (c: CaseView, ctx) => caseFacts(c.scope, ctx),
    }),
    // @inaccessible (only the gateway asks); asked of this subgraph only where it provides it, as none.
    referralParties: isPublic,
    // @inaccessible facts for the referrals subgraph's rules; the gateway is the only caller of a subgraph.
    liveConsents: isPublic,
    subjectAccessGrant: isPublic,
  },
  ConsentGrant: isPublic,
  ReferralParty: isPublic,
  CaseConnection: isPublic,
  CaseEdge: isPublic,
  PageInfo: isPublic,
  // Payloads only carry a case (or its note): their fields are decided by the rules of those types.
  CasePayload: isPublic,
  AddCaseNotePayload: isPublic,
  Agency: isPublic,
  ServiceProvider: isPublic,
};
