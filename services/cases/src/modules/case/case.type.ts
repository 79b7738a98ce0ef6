import { Connection } from '@kinga/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ReferralPartyType } from '../references/references.type';
import { CaseCategory, CaseStatus, RiskLevel } from './case.enums';
import type { CaseScope } from './case-scope';

/**
 * Every field above PUBLIC needs the case's open referral parties, so the gateway fetches them from the
 * referrals subgraph first and hands them to the rules with the entity (contract: Case.referralParties).
 */
export const REQUIRES_PARTIES = '@requires(fields: "referralParties { providerId agencyId agencyType }")';

/**
 * Where this subgraph returns cases the caller owns or supervises, the parties cannot change a decision
 * (ownership is decided before parties are looked at), so it provides them there itself, as none, and the
 * gateway needs no round to referrals and no second cases fetch. On `cases` the list's filters guarantee it
 * (`listCases` also checks every row and fails closed); a mutation returns a case only after
 * `assertMayWrite`, or one it has just opened for the caller's own agency.
 */
export const PROVIDES_PARTIES_ON_LIST = '@provides(fields: "edges { node { referralParties { providerId agencyId agencyType } } }")';
export const PROVIDES_PARTIES_ON_PAYLOAD = '@provides(fields: "case { referralParties { providerId agencyId agencyType } }")';
/**
 * A subject access request's case is decided by the request alone (`decideFieldAccess`, SUBJECT_ACCESS, is
 * checked before parties are), and the grant lives on the case as this subgraph returns it: a second cases
 * fetch from a bare representation would not carry it.
 */
export const PROVIDES_PARTIES_ON_CASE = '@provides(fields: "referralParties { providerId agencyId agencyType }")';

/**
 * A child-protection case. Who may read each field is written in one place, `CASE_FIELD_TIERS`
 * (case.policy.ts); denied fields are null with a FORBIDDEN error on their path.
 */
@Directive('@key(fields: "id")')
@ObjectType('Case', {
  description:
    "A child-protection case opened by a children office. Each field carries a sensitivity tier (see CASE_FIELD_TIERS / README 'Who can see what'); a field you may not see is null with a FORBIDDEN error.",
})
export class Case {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => [ReferralPartyType])
  referralParties: ReferralPartyType[];

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'KE-<county>-<year>-<6-digit sequence>, e.g. KE-047-2025-000123. OPERATIONAL.' })
  caseNumber: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'County code where the case is managed, e.g. "047". OPERATIONAL.' })
  countyCode: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => CaseStatus, { nullable: true, description: 'OPERATIONAL.' })
  status: CaseStatus | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => [CaseCategory], { nullable: true, description: 'OPERATIONAL.' })
  categories: CaseCategory[] | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => RiskLevel, { nullable: true, description: 'OPERATIONAL.' })
  riskLevel: RiskLevel | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'Token subject of the children officer who manages the case. OPERATIONAL.' })
  assignedOfficerSub: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'Name of the children officer who manages the case. OPERATIONAL.' })
  assignedOfficerName: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'ISO 8601 date the case was opened. OPERATIONAL.' })
  openedOn: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'ISO 8601 date the case was closed. OPERATIONAL.' })
  closedOn: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: "The supervisor's reason for closing. NARRATIVE." })
  closeReason: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'What happened, as reported. NARRATIVE.' })
  incidentNarrative: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'Who is alleged to have harmed the child. NARRATIVE.' })
  perpetratorDetails: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => String, { nullable: true, description: 'Medical and forensic findings, PEP/EC given, HIV status, injuries. CLINICAL.' })
  clinicalNotes: string | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => Date, {
    nullable: true,
    description:
      "When a data subject's erasure request was carried out: the child's names, date of birth, contacts, the caregivers' details, narratives and notes are then empty for everyone. OPERATIONAL.",
  })
  erasedAt: Date | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => Date, { nullable: true, description: 'OPERATIONAL.' })
  createdAt: Date | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => Date, { nullable: true, description: 'OPERATIONAL.' })
  updatedAt: Date | null;

  @Directive(REQUIRES_PARTIES)
  @Field(() => Int, {
    nullable: true,
    description:
      "Raised by every change of the case. Send it back as updateCase's expectedVersion, so an edit made from a stale copy is refused (CONFLICT) instead of overwriting another. OPERATIONAL.",
  })
  version: number | null;
}

/** What resolvers of a case receive: the stored row (never exposed as such) and the decision facts. */
export interface CaseView {
  id: string;
  caseNumber: string;
  childId: string;
  countyCode: string;
  openedOn: string;
  ownerAgencyId: string;
  ownerProviderId: string;
  scope: CaseScope;
}

@ObjectType('CaseConnection')
export class CaseConnection extends Connection(Case, 'Case') {}
