import { assertCommitsWithinSyncOverlap } from './referral.sync';
import {
  badUserInput,
  checkThroughGateway,
  conflict,
  erasedSinceConflict,
  idempotencyKeySchema,
  forbidden,
  inKenya,
  validateInput,
  writeOnce,
  type AgencyType,
  type Caller,
} from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import type { ReferralsContext } from '../../referrals.context';
import { isSender, SENDING_ROLES } from './referral.access';
import { ReferralStatus } from './referral.enums';
import { recordReferralEvent } from './referral.event';
import { createReferralSchema, type CreateReferralInput, type ValidCreateReferral } from './referral.input';
import { slaDueTimes } from './referral.lifecycle';
import { referralColumns, type ReferralRow } from './referral.row';

/** A refused referral, recorded against the case it would have been about, so the case's trail shows the attempt. */
const refusal = (ctx: ReferralsContext, caseId: string, message: string) =>
  ctx.audit.refuse('Case', caseId, 'createReferral', forbidden(message));

/** What the gateway tells us, as the caller, about the case and both providers. */
const CHECK_QUERY = `query ReferralChecks($caseId: ID!, $fromProviderId: ID!, $toProviderId: ID!) {
  case(id: $caseId) { id countyCode status ownerAgency { id } }
  fromProvider: serviceProvider(id: $fromProviderId) { id active acceptingReferrals services agency { id type } }
  toProvider: serviceProvider(id: $toProviderId) { id active acceptingReferrals services agency { id type } }
}`;

interface CheckedProvider {
  id: string;
  active: boolean;
  acceptingReferrals: boolean;
  services: string[];
  agency: { id: string; type: AgencyType } | null;
}

interface CheckResult {
  case: { id: string; countyCode: string | null; status: string | null; ownerAgency: { id: string } | null } | null;
  fromProvider: CheckedProvider | null;
  toProvider: CheckedProvider | null;
}

const FIELD_OF_ALIAS: Record<string, string> = {
  case: 'input.caseId',
  fromProvider: 'input.fromProviderId',
  toProvider: 'input.toProviderId',
};

/** A referral sent at 01:00 on 1 January in Nairobi belongs to the new year. */
const referenceYear = (at: Date) => inKenya(at).getUTCFullYear();

async function findByKey(db: ReferralsContext['db'] | EntityManager, createdBy: string, key: string): Promise<ReferralRow | null> {
  const rows: ReferralRow[] = await db.query(
    `SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.created_by = $1 AND r.idempotency_key = $2`,
    [createdBy, key],
  );
  return rows[0] ?? null;
}

/**
 * A retry must describe the same referral; a reused key for another one is the client's bug, said plainly.
 * Every field the sender chose is compared: a retry that changed the urgency would otherwise be answered with
 * the first referral's SLA clocks.
 */
function sameRequest(existing: ReferralRow, input: ValidCreateReferral): ReferralRow {
  if (existing.erasedAt) throw erasedSinceConflict();
  if (
    existing.caseId !== input.caseId ||
    existing.toProviderId !== input.toProviderId ||
    existing.serviceRequested !== input.serviceRequested ||
    existing.urgency !== input.urgency ||
    existing.reason !== input.reason ||
    (existing.consentReference ?? null) !== (input.consentReference ?? null) ||
    (input.fromProviderId != null && existing.fromProviderId !== input.fromProviderId)
  ) {
    throw conflict('This idempotency key was already used for a different referral; use a new key for a new referral');
  }
  return existing;
}

/**
 * Checks the case and both providers through the gateway with the caller's token: a record the caller may not
 * see is FORBIDDEN, one that does not exist is BAD_USER_INPUT naming the field.
 */
function checkCaseAndProviders(ctx: ReferralsContext, caseId: string, fromProviderId: string, toProviderId: string): Promise<CheckResult> {
  if (!ctx.authorization) throw forbidden('Sign in to create a referral');
  return checkThroughGateway<CheckResult>(ctx, {
    query: CHECK_QUERY,
    variables: { caseId, fromProviderId, toProviderId },
    checking: 'the case and providers',
    consequence: 'the referral was not sent and nothing was saved',
    retryHint: ', with the same idempotency key',
    onFieldError(error) {
      const alias = String(error.path?.[0] ?? '');
      const code = error.extensions?.code;
      if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
        if (alias === 'case') throw refusal(ctx, caseId, 'You may not refer this case: you cannot see it');
        throw refusal(ctx, caseId, `You may not use this provider (${FIELD_OF_ALIAS[alias] ?? 'input'})`);
      }
      if ((code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') && FIELD_OF_ALIAS[alias])
        throw badUserInput(`${FIELD_OF_ALIAS[alias]}: there is no such record`, FIELD_OF_ALIAS[alias]);
    },
    onData(data) {
      if (!data.case) throw badUserInput('input.caseId: there is no case with this id', 'input.caseId');
      if (!data.case.countyCode || !data.case.ownerAgency)
        throw refusal(ctx, caseId, 'You may not refer this case: you cannot see its county and owner');
      if (data.case.status === 'CLOSED')
        throw badUserInput('input.caseId: the case is closed; a closed case cannot be referred', 'input.caseId');
      if (!data.fromProvider) throw badUserInput('input.fromProviderId: there is no service provider with this id', 'input.fromProviderId');
      if (!data.toProvider) throw badUserInput('input.toProviderId: there is no service provider with this id', 'input.toProviderId');
      return data;
    },
  });
}

export async function createReferral(ctx: ReferralsContext, input: CreateReferralInput, rawKey: string): Promise<ReferralRow> {
  const caller = ctx.caller;
  if (!caller || !SENDING_ROLES.includes(caller.role)) throw forbidden('Only children officers and police units can send a referral');
  const valid = validateInput(createReferralSchema, input);
  const key = validateInput(idempotencyKeySchema, rawKey, 'idempotencyKey');
  // A retry after the first succeeded is answered with the first, without asking anyone again; a retry that
  // loses a race to another answers with the winner (its transaction held the key; ours rolled back, counter
  // included). The key's referral is compared with the input field by field (sameRequest), not by a digest.
  return writeOnce(
    key,
    valid,
    async (usedKey) => {
      const earlier = await findByKey(ctx.db, caller.sub, usedKey);
      return earlier ? sameRequest(earlier, valid) : null;
    },
    () => sendReferral(ctx, caller, valid, key),
  );
}

async function sendReferral(ctx: ReferralsContext, caller: Caller, valid: ValidCreateReferral, key: string): Promise<ReferralRow> {
  const fromProviderId = valid.fromProviderId ?? caller.providerId;
  if (!fromProviderId) throw badUserInput('input.fromProviderId: name the provider that sends the referral', 'input.fromProviderId');
  if (fromProviderId === valid.toProviderId)
    throw badUserInput('input.toProviderId: a provider cannot refer to itself', 'input.toProviderId');

  const checked = await checkCaseAndProviders(ctx, valid.caseId, fromProviderId, valid.toProviderId);
  const from = checked.fromProvider as CheckedProvider;
  const to = checked.toProvider as CheckedProvider;
  const caseCounty = checked.case?.countyCode as string;
  const ownerAgencyId = checked.case?.ownerAgency?.id as string;
  if (!from.agency || !to.agency) throw refusal(ctx, valid.caseId, 'You may not see the agencies of these providers');

  const senderFacts = {
    id: '',
    caseOwnerAgencyId: ownerAgencyId,
    caseCounty,
    fromProviderId,
    fromAgencyId: from.agency.id,
    toProviderId: to.id,
    toAgencyId: to.agency.id,
  };
  // From another office than the caller's own, isSender holds only for DCS staff of the sending agency; the
  // office must also belong to the agency that owns the case.
  if (!isSender(caller, senderFacts) || (fromProviderId !== caller.providerId && caller.agencyId !== ownerAgencyId)) {
    throw refusal(
      ctx,
      valid.caseId,
      'You can send referrals only from your own provider (or, as DCS staff of the owning agency, from an office of it)',
    );
  }
  if (!from.active) throw badUserInput('input.fromProviderId: this provider is deactivated', 'input.fromProviderId');
  if (!to.active) throw badUserInput('input.toProviderId: this provider is deactivated', 'input.toProviderId');
  if (!to.acceptingReferrals)
    throw badUserInput('input.toProviderId: this provider is not accepting referrals now; choose another', 'input.toProviderId');
  if (!to.services.includes(valid.serviceRequested)) {
    throw badUserInput(
      `input.serviceRequested: this provider does not offer ${valid.serviceRequested}; it offers ${to.services.join(', ')}`,
      'input.serviceRequested',
    );
  }

  const sentAt = ctx.now;
  const due = slaDueTimes(valid.urgency, sentAt);
  return ctx.db.transaction(async (manager) => {
    const year = referenceYear(sentAt);
    const [{ last_value: sequence }]: Array<{ last_value: number }> = await manager.query(
      `INSERT INTO referrals.reference_counter (county_code, year, last_value) VALUES ($1, $2, 1)
           ON CONFLICT (county_code, year) DO UPDATE SET last_value = reference_counter.last_value + 1 RETURNING last_value`,
      [caseCounty, year],
    );
    const reference = `KE-${caseCounty}-${year}-${String(sequence).padStart(6, '0')}`;
    const [row]: ReferralRow[] = await manager.query(
      `INSERT INTO referrals.referral AS r (reference, case_id, case_owner_agency_id, case_county, from_provider_id, from_agency_id, from_agency_type,
            to_provider_id, to_agency_id, to_agency_type, service_requested, urgency, status, reason, consent_reference, version, created_by,
            idempotency_key, created_at, updated_at, acknowledge_by, start_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18, $18, $19, $20)
         RETURNING ${referralColumns('r')}`,
      [
        reference,
        valid.caseId,
        ownerAgencyId,
        caseCounty,
        fromProviderId,
        from.agency?.id,
        from.agency?.type ?? null,
        to.id,
        to.agency?.id,
        to.agency?.type ?? null,
        valid.serviceRequested,
        valid.urgency,
        ReferralStatus.SENT,
        valid.reason,
        valid.consentReference ?? null,
        caller.sub,
        key,
        sentAt,
        due.acknowledgeBy,
        due.startBy,
      ],
    );
    await recordReferralEvent(manager, caller, {
      referralId: row.id,
      sequence: 1,
      fromStatus: null,
      toStatus: ReferralStatus.SENT,
      note: null,
      occurredAt: sentAt,
    });
    await ctx.auditWrite(
      manager,
      'Referral',
      row.id,
      Object.keys(valid).filter((k) => valid[k as keyof typeof valid] != null),
    );
    assertCommitsWithinSyncOverlap(ctx);
    return row;
  });
}
