import type { ReferralStatus, ServiceOutcome, ServiceType, Urgency } from './referral.enums';

/** A referral as the queries of this module select it (camel-cased columns). */
export interface ReferralRow {
  id: string;
  reference: string;
  caseId: string;
  caseOwnerAgencyId: string;
  caseCounty: string;
  fromProviderId: string;
  fromAgencyId: string;
  fromAgencyType: string | null;
  toProviderId: string;
  toAgencyId: string;
  toAgencyType: string | null;
  serviceRequested: ServiceType;
  urgency: Urgency;
  status: ReferralStatus;
  reason: string | null;
  consentReference: string | null;
  declineReason: string | null;
  cancelReason: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  acknowledgeBy: Date;
  startBy: Date;
  nextDueAt: Date | null;
  /** When it last changed state (every step sets it) or was erased: what a partner system syncs from. */
  updatedAt: Date;
  erasedAt: Date | null;
  isDemo: boolean;
  /**
   * Set only on the copies a subject access request returns (`referralsOfRequest`). The grant the gateway
   * carries with the case's facts is `caseSubjectAccess` (referral.access.ts), which opens less.
   */
  subjectAccess?: true;
}

export interface ReferralEventRow {
  referralId: string;
  sequence: number;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  /** The token subject of whoever took the step: never in an answer, only for deciding who wrote its note. */
  actor: string;
  actorName: string | null;
  actorRole: string;
  actorProviderId: string | null;
  note: string | null;
  occurredAt: Date;
}

export interface ServiceRecordRow {
  id: string;
  referralId: string;
  providerId: string;
  service: ServiceType;
  deliveredOn: string;
  outcome: ServiceOutcome;
  pepGiven: boolean | null;
  emergencyContraceptionGiven: boolean | null;
  forensicExaminationDone: boolean | null;
  injuries: string | null;
  recordedAt: Date;
}

/** The select list (or RETURNING list) of a `ServiceRecordRow`, of a `referrals.service_record` aliased `alias` if given. */
export function serviceRecordColumns(alias?: string): string {
  const a = alias ? `${alias}.` : '';
  // to_char, not ::text: a date's text follows the session's DateStyle.
  return `${a}id, ${a}referral_id AS "referralId", ${a}provider_id AS "providerId", ${a}service,
    to_char(${a}delivered_on, 'YYYY-MM-DD') AS "deliveredOn", ${a}outcome, ${a}pep_given AS "pepGiven",
    ${a}emergency_contraception_given AS "emergencyContraceptionGiven", ${a}forensic_examination_done AS "forensicExaminationDone",
    ${a}injuries, ${a}recorded_at AS "recordedAt"`;
}

/** The select list for a `referrals.referral` row aliased `alias`. */
export function referralColumns(alias = 'r'): string {
  const a = alias;
  return `${a}.id, ${a}.reference, ${a}.case_id AS "caseId", ${a}.case_owner_agency_id AS "caseOwnerAgencyId",
    ${a}.case_county AS "caseCounty", ${a}.from_provider_id AS "fromProviderId", ${a}.from_agency_id AS "fromAgencyId",
    ${a}.from_agency_type AS "fromAgencyType", ${a}.to_provider_id AS "toProviderId", ${a}.to_agency_id AS "toAgencyId",
    ${a}.to_agency_type AS "toAgencyType", ${a}.service_requested AS "serviceRequested", ${a}.urgency, ${a}.status, ${a}.reason,
    ${a}.consent_reference AS "consentReference", ${a}.decline_reason AS "declineReason", ${a}.cancel_reason AS "cancelReason",
    ${a}.version, ${a}.created_by AS "createdBy", ${a}.created_at AS "createdAt", ${a}.acknowledged_at AS "acknowledgedAt",
    ${a}.accepted_at AS "acceptedAt", ${a}.declined_at AS "declinedAt", ${a}.started_at AS "startedAt",
    ${a}.completed_at AS "completedAt", ${a}.closed_at AS "closedAt", ${a}.cancelled_at AS "cancelledAt",
    ${a}.acknowledge_by AS "acknowledgeBy", ${a}.start_by AS "startBy", ${a}.next_due_at AS "nextDueAt", ${a}.updated_at AS "updatedAt",
    ${a}.erased_at AS "erasedAt", ${a}.is_demo AS "isDemo"`;
}

export { UUID_PATTERN as UUID } from '@kinga/shared';
