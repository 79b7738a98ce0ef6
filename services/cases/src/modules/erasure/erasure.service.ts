import {
  checkThroughGateway,
  conflict,
  ErasureStatus,
  isUniqueViolation,
  notFound,
  postgresConstraint,
  validateInput,
  type AuditedWrite,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import type { CasesContext } from '../../cases.context';
import type { CaseEntity } from '../case/case.entity';
import { CaseStatus } from '../case/case.enums';
import { callerOf, lockCase } from '../case/case.service';
import { ageBandFloor, ageOn } from '../child/age';
import { ChildEntity } from '../child/child.entity';
import { findRequestedCase, listNewestFirst, receivedRequest } from '../data-subject/data-subject-requests';
import { ErasureRequestEntity } from './erasure.entity';
import {
  answerErasureRequestSchema,
  erasureRequestFilterSchema,
  erasureRequestIdSchema,
  openErasureRequestSchema,
  type AnswerErasureRequestInput,
  type ErasureRequestFilter,
  type OpenErasureRequestInput,
} from './erasure.input';

/** The partial unique index that keeps one pending request per case (migration 1765300000000). */
const ONE_PENDING_REQUEST_PER_CASE = 'erasure_request_one_pending_per_case';

/** What stands in a required text field an erasure emptied. */
const ERASED_TEXT = '[erased]';

/** What carrying a request out empties, as the audit trail names the fields. */
const ERASED_CASE_FIELDS = [
  'incidentNarrative',
  'perpetratorDetails',
  'clinicalNotes',
  'closeReason',
  'child.firstName',
  'child.middleName',
  'child.lastName',
  'child.dateOfBirth',
  'child.subCounty',
  'child.location',
  'child.school',
  'child.birthCertificateNumber',
  'child.disability',
  'child.estimatedAgeYears',
  'child.ageEstimatedOn',
  'child.caregivers',
  'notes.body',
  'consents.purpose',
  'consents.revocationReason',
];

async function lockRequest(manager: EntityManager, id: string): Promise<ErasureRequestEntity> {
  const request = await manager.getRepository(ErasureRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!request) throw notFound('No erasure request has this id');
  return request;
}

/**
 * Records a request as received; the requester's identity and entitlement are the DPO's to check first. One
 * pending request per case: the partial unique index decides, for two DPOs at once as for one after the other.
 */
export async function openErasureRequest(ctx: CasesContext, input: OpenErasureRequestInput): Promise<ErasureRequestEntity> {
  const caller = callerOf(ctx);
  const valid = validateInput(openErasureRequestSchema, input);
  try {
    return await ctx.db.transaction(async (manager) => {
      const found = await findRequestedCase(manager, valid, { holdingErasure: true });
      if (found.erasedAt) throw conflict("This case's personal data is already erased");
      const requests = manager.getRepository(ErasureRequestEntity);
      const request = await requests.save(
        requests.create({
          ...receivedRequest(ctx, caller, found.id, valid),
          ground: valid.ground,
          status: ErasureStatus.OPEN,
          referralsErased: null,
        }),
      );
      await ctx.auditWrite(
        manager,
        'ErasureRequest',
        [request.id, request.caseId],
        ['caseId', 'requestedBy', 'ground', 'receivedOn', 'status'],
      );
      return request;
    });
  } catch (error) {
    if (isUniqueViolation(error) && postgresConstraint(error) === ONE_PENDING_REQUEST_PER_CASE)
      throw conflict('This case already has an erasure request being answered: answer that one');
    throw error;
  }
}

/** Refusing is the usual answer while a retention duty applies; the note says which. */
export async function refuseErasureRequest(ctx: CasesContext, input: AnswerErasureRequestInput): Promise<ErasureRequestEntity> {
  const caller = callerOf(ctx);
  const valid = validateInput(answerErasureRequestSchema, input);
  return ctx.db.transaction(async (manager) => {
    const request = await lockRequest(manager, valid.id);
    if (request.status === ErasureStatus.ERASING)
      throw conflict('This request is being carried out and cannot be refused now: carry it out again to finish it');
    if (request.status !== ErasureStatus.OPEN) throw conflict(`This request is already ${request.status}`);
    Object.assign(request, { status: ErasureStatus.REFUSED, closedAt: ctx.now, closedBy: caller.sub, outcomeNote: valid.note });
    const saved = await manager.getRepository(ErasureRequestEntity).save(request);
    await ctx.auditWrite(manager, 'ErasureRequest', [request.id, request.caseId], ['status', 'closedAt', 'closedBy', 'outcomeNote']);
    return saved;
  });
}

/**
 * Marks the request as being carried out, once its case is closed: a child still being protected keeps their
 * record, and a case's parties lose it only when closing the case ends their part.
 */
async function startErasure(ctx: CasesContext, id: string): Promise<ErasureRequestEntity | null> {
  return ctx.db.transaction(async (manager) => {
    const request = await lockRequest(manager, id);
    // Carried out already (a retry after a lost answer, a second DPO): answered with the request as it is.
    if (request.status === ErasureStatus.CARRIED_OUT) return request;
    if (request.status === ErasureStatus.REFUSED) throw conflict(`This request is already ${request.status}`);
    const record = await lockCase(manager, request.caseId);
    if (record.status !== CaseStatus.CLOSED)
      throw conflict(
        'The case is not closed: its personal data is erased only once the work on it is over. A supervisor closes it first (its referrals closed or cancelled).',
      );
    if (request.status === ErasureStatus.OPEN) {
      request.status = ErasureStatus.ERASING;
      await manager.getRepository(ErasureRequestEntity).save(request);
      await ctx.auditWrite(manager, 'ErasureRequest', [request.id, request.caseId], ['status']);
    }
    return null;
  });
}

const ERASE_REFERRALS = `mutation EraseCaseReferralRecords($input: EraseCaseReferralRecordsInput!) {
  eraseCaseReferralRecords(input: $input) { referralsErased }
}`;

/** The referrals service erases its part, through the gateway with the DPO's own token, as any client would. */
async function eraseReferralsPart(ctx: CasesContext, id: string): Promise<number | null> {
  const answer = await checkThroughGateway<{ eraseCaseReferralRecords: { referralsErased: number } | null }>(ctx, {
    query: ERASE_REFERRALS,
    variables: { input: { erasureRequestId: id } },
    checking: "the case's referrals, to erase them",
    consequence: 'the erasure is not finished (the request stays ERASING and the case is not erased yet)',
    retryHint: ', with carryOutErasureRequest',
    onFieldError(error) {
      // Another DPO finished it in the meantime: the request is answered as it stands, below.
      if (error.extensions?.code === 'CONFLICT' && error.extensions.currentStatus === ErasureStatus.CARRIED_OUT) return true;
      // A referral still open, most likely sent in the instant the case was closed: its parties must end it.
      if (error.extensions?.code === 'CONFLICT') throw conflict(error.message);
    },
    onData: (data) => data,
  });
  return answer.eraseCaseReferralRecords?.referralsErased ?? null;
}

/**
 * Empties what identifies or describes the child, and keeps what statistics and the NPA count: status, county,
 * categories, dates, sex, and the age band, from the age at opening (which replaces the date of birth, so the
 * case stays in its statistics cell), and the notes of the case's earlier requests. Rows stay, emptied, so the audit trail still finds what was read of them.
 */
async function eraseCase(manager: EntityManager, record: CaseEntity, now: Date): Promise<AuditedWrite[]> {
  const child = await manager
    .getRepository(ChildEntity)
    .findOneOrFail({ where: { id: record.childId }, lock: { mode: 'pessimistic_write' } });
  const ageAtOpening = ageOn(child, record.openedOn);
  await manager.getRepository(ChildEntity).update(child.id, {
    firstName: null,
    middleName: null,
    lastName: null,
    dateOfBirth: null,
    // The band's youngest age, not the child's own: the statistics cell stays, the exact age goes.
    estimatedAgeYears: ageAtOpening === null ? null : ageBandFloor(ageAtOpening),
    ageEstimatedOn: ageAtOpening === null ? null : record.openedOn,
    subCounty: null,
    location: null,
    school: null,
    birthCertificateNumber: null,
    disability: null,
  });
  await manager.query(
    `UPDATE cases.caregiver SET name = NULL, relationship = NULL, phone = NULL, removed_at = coalesce(removed_at, $2) WHERE child_id = $1`,
    [child.id, now],
  );
  await manager.query(
    `UPDATE cases."case" SET incident_narrative = NULL, perpetrator_details = NULL, clinical_notes = NULL, close_reason = NULL,
            request_digest = NULL, last_update_digest = NULL, erased_at = $2, updated_at = $2, version = version + 1
      WHERE id = $1`,
    [record.id, now],
  );
  // A note's and a consent's request digests are hashes of their words: they go with the words, and a late retry
  // of either is told it was erased (erasedSinceConflict).
  await manager.query(`UPDATE cases.case_note SET body = NULL, request_digest = NULL WHERE case_id = $1`, [record.id]);
  // The DPO's notes on the case's earlier requests are asked to hold no personal data, which nothing enforces
  // ("copy sent to <the mother>, <her phone>"): they go too. The request being answered gets its note after this.
  const notesErased: AuditedWrite[] = [];
  for (const [table, recordType] of [
    ['subject_access_request', 'SubjectAccessRequest'],
    ['erasure_request', 'ErasureRequest'],
  ] as const) {
    const [rows] = (await manager.query(
      `UPDATE cases.${table} SET outcome_note = $2 WHERE case_id = $1 AND outcome_note IS NOT NULL AND outcome_note <> $2 RETURNING id`,
      [record.id, ERASED_TEXT],
    )) as [Array<{ id: string }>, number];
    // On each request's own trail, as any write to it is.
    for (const { id } of rows) notesErased.push({ recordType, recordIds: [id, record.id], fieldNames: ['outcomeNote'] });
  }
  // A consent still in force ends with the erasure: revokeConsent refuses an erased case, and a consent no one could
  // withdraw would go on opening whatever reached the case. On each consent's own trail, as a revocation is; one
  // that had expired, or was revoked, keeps its own end.
  const [ended] = (await manager.query(
    `UPDATE cases.consent SET revoked_at = $2, revocation_reason = $3
      WHERE case_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) RETURNING id`,
    [record.id, now, ERASED_TEXT],
  )) as [Array<{ id: string }>, number];
  for (const { id } of ended)
    notesErased.push({ recordType: 'Consent', recordIds: [id, record.id], fieldNames: ['revokedAt', 'revocationReason'] });
  // A consent keeps that it was given and revoked, and when (its basis and tiers): the law's record. Its words go;
  // the columns stay non-empty, as every consent's are.
  await manager.query(
    `UPDATE cases.consent SET purpose = $2, revocation_reason = CASE WHEN revocation_reason IS NULL THEN NULL ELSE $2 END, request_digest = NULL
      WHERE case_id = $1`,
    [record.id, ERASED_TEXT],
  );
  return notesErased;
}

/**
 * Carries a request out: the case must be closed; the referrals service erases its part, then this one, and
 * the request is CARRIED_OUT. A failure between the two leaves it ERASING, and calling this again finishes
 * it (each part erases what is left, so doing it twice is harmless), as does a second DPO at the same time.
 */
export async function carryOutErasureRequest(ctx: CasesContext, input: AnswerErasureRequestInput): Promise<ErasureRequestEntity> {
  const caller = callerOf(ctx);
  const valid = validateInput(answerErasureRequestSchema, input);
  const done = await startErasure(ctx, valid.id);
  if (done) return done;
  const referralsErased = await eraseReferralsPart(ctx, valid.id);
  return ctx.db.transaction(async (manager) => {
    const request = await lockRequest(manager, valid.id);
    if (request.status === ErasureStatus.CARRIED_OUT) return request;
    if (request.status !== ErasureStatus.ERASING || referralsErased === null) throw conflict(`This request is ${request.status}`);
    const record = await lockCase(manager, request.caseId);
    const notesErased = await eraseCase(manager, record, ctx.now);
    Object.assign(request, {
      status: ErasureStatus.CARRIED_OUT,
      closedAt: ctx.now,
      closedBy: caller.sub,
      outcomeNote: valid.note,
      referralsErased,
    });
    const saved = await manager.getRepository(ErasureRequestEntity).save(request);
    await ctx.auditWrites(manager, [
      { recordType: 'Case', recordIds: record.id, fieldNames: ERASED_CASE_FIELDS },
      {
        recordType: 'ErasureRequest',
        recordIds: [request.id, request.caseId],
        fieldNames: ['status', 'closedAt', 'closedBy', 'outcomeNote', 'referralsErased'],
      },
      ...notesErased,
    ]);
    return saved;
  });
}

export async function findErasureRequest(ctx: CasesContext, id: string): Promise<ErasureRequestEntity | null> {
  const valid = validateInput(erasureRequestIdSchema, id, 'id');
  return ctx.db.getRepository(ErasureRequestEntity).findOne({ where: { id: valid } });
}

/** Newest first. */
export async function listErasureRequests(
  ctx: CasesContext,
  filter: ErasureRequestFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<ErasureRequestEntity>> {
  const valid = validateInput(erasureRequestFilterSchema, filter ?? {}, 'filter');
  return listNewestFirst(ctx.db.getRepository(ErasureRequestEntity), valid, page);
}
