import {
  badUserInput,
  conflict,
  kenyanDate,
  kenyanDateDaysBefore,
  notFound,
  validateInput,
  writeOnceKeyed,
  type Caller,
  type KeyedTable,
} from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { assertMayWrite, callerOf, caseOfRow, lockCase, toCaseView } from '../case/case.service';
import { CaseEntity } from '../case/case.entity';
import { CaseStatus } from '../case/case.enums';
import type { CaseView } from '../case/case.type';
import { checkConsentAgencies } from './consent.agencies';
import { ConsentEntity } from './consent.entity';
import {
  recordConsentSchema,
  revokeConsentSchema,
  type RecordConsentInput,
  type RevokeConsentInput,
  type ValidConsentInput,
} from './consent.input';

/** A case holds at most this many consents, so `Case.consents` stays a short list. */
export const MAX_CONSENTS_PER_CASE = 100;

const KEYED_CONSENTS: KeyedTable = {
  table: 'cases.consent',
  byColumn: 'recorded_by_sub',
  reusedKeyMessage: 'This idempotency key was already used for a different consent; use a new key for a new consent',
};

/** A retry with the key of a consent already recorded answers with that consent, whatever has happened since. */
export async function recordConsent(
  ctx: CasesContext,
  input: RecordConsentInput,
  rawKey?: string | null,
): Promise<{ record: CaseView; consent: ConsentEntity }> {
  const caller = callerOf(ctx);
  return writeOnceKeyed(
    ctx.db,
    KEYED_CONSENTS,
    caller.sub,
    rawKey,
    input,
    async (id) => {
      const consent = await ctx.db.getRepository(ConsentEntity).findOneByOrFail({ id });
      return { record: await caseOfRow(ctx, consent), consent };
    },
    (key, digest) => recordNewConsent(ctx, caller, validateInput(recordConsentSchema, input), key, digest),
  );
}

async function recordNewConsent(
  ctx: CasesContext,
  caller: Caller,
  valid: ValidConsentInput,
  key: string | null,
  digest: string | null,
): Promise<{ record: CaseView; consent: ConsentEntity }> {
  const agencyIds = [...new Set(valid.agencyIds ?? [])];
  const checkMayRecord = (record: CaseEntity) => {
    assertMayWrite(ctx, caller, record, 'recordConsent');
    if (record.status === CaseStatus.CLOSED) throw conflict('This case is closed; no new consent can be recorded');
    if (valid.givenAt) assertGivenAroundOpening(valid.givenAt, record.openedOn);
  };
  // What the case decides is checked before the directory is asked about the agencies, so a caller the case
  // refuses is told so (and put on its trail), not which agency ids exist; the directory is asked before the
  // case is locked, so no lock waits on another service. Under the lock the checks run again.
  const current = await ctx.db.getRepository(CaseEntity).findOne({ where: { id: valid.caseId } });
  if (!current) throw notFound('No case has this id');
  checkMayRecord(current);
  await checkConsentAgencies(ctx, valid.agencyIds ?? [], valid.basis);
  return ctx.db.transaction(async (manager) => {
    const record = await lockCase(manager, valid.caseId);
    checkMayRecord(record);
    if ((await manager.getRepository(ConsentEntity).countBy({ caseId: record.id })) >= MAX_CONSENTS_PER_CASE) {
      throw conflict(`This case already has ${MAX_CONSENTS_PER_CASE} consents; revoke is possible, adding is not`);
    }
    const consent = await manager.getRepository(ConsentEntity).save(
      manager.create(ConsentEntity, {
        caseId: record.id,
        basis: valid.basis,
        agencyIds,
        agencyTypes: [...new Set(valid.agencyTypes ?? [])],
        tiers: [...new Set(valid.tiers)],
        purpose: valid.purpose,
        givenAt: valid.givenAt ?? ctx.now,
        expiresAt: valid.expiresAt ?? null,
        revokedAt: null,
        revocationReason: null,
        recordedBySub: caller.sub,
        idempotencyKey: key,
        requestDigest: digest,
      }),
    );
    await ctx.auditWrite(manager, 'Consent', consent.id, ['basis', 'agencyIds', 'agencyTypes', 'tiers', 'purpose', 'givenAt', 'expiresAt']);
    return { record: toCaseView(record), consent };
  });
}

const GIVEN_BEFORE_OPENING_DAYS = 90;

/**
 * A consent is often given before the case is written up (signed at the police station or the clinic the night
 * before, or a court order made before DCS took the case on), so it may come some time before the case's
 * opening; one given years earlier is a mistyped date on a legal record.
 */
function assertGivenAroundOpening(givenAt: Date, openedOn: string): void {
  const earliest = kenyanDateDaysBefore(new Date(`${openedOn}T00:00:00Z`), GIVEN_BEFORE_OPENING_DAYS);
  if (kenyanDate(givenAt) < earliest)
    throw badUserInput(
      `input.givenAt: must not be more than ${GIVEN_BEFORE_OPENING_DAYS} days before the case was opened (${openedOn})`,
      'input.givenAt',
    );
}

/** Revoking always works, even on a closed case: a withdrawn consent must stop sharing at once. */
export async function revokeConsent(ctx: CasesContext, input: RevokeConsentInput): Promise<{ record: CaseView; consent: ConsentEntity }> {
  const caller = callerOf(ctx);
  const valid = validateInput(revokeConsentSchema, input);
  return ctx.db.transaction(async (manager) => {
    const found = await manager.getRepository(ConsentEntity).findOne({ where: { id: valid.consentId } });
    if (!found) throw notFound('No consent has this id');
    const record = await lockCase(manager, found.caseId);
    assertMayWrite(ctx, caller, record, 'revokeConsent');
    // Its personal data is gone, and its words with it: a revocation's reason would bring some back.
    if (record.erasedAt) throw conflict("This case's personal data was erased at a data subject's request; its consents are closed");
    const consent = await manager
      .getRepository(ConsentEntity)
      .findOneOrFail({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
    if (consent.revokedAt) {
      // A retry after a lost answer is answered with the revocation it made.
      if (consent.revocationReason === valid.reason) return { record: toCaseView(record), consent };
      throw conflict('This consent is already revoked (for another reason); read it again');
    }
    consent.revokedAt = ctx.now;
    consent.revocationReason = valid.reason;
    const saved = await manager.getRepository(ConsentEntity).save(consent);
    await ctx.auditWrite(manager, 'Consent', consent.id, ['revokedAt', 'revocationReason']);
    return { record: toCaseView(record), consent: saved };
  });
}
