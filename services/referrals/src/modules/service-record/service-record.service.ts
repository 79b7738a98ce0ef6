import {
  badUserInput,
  forbidden,
  kenyanDate,
  kenyanDateDaysBefore,
  notFound,
  Role,
  validateInput,
  writeOnceKeyed,
  type KeyedTable,
  type Caller,
} from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { isRecipient } from '../referral/referral.access';
import { CLINICAL_SERVICES } from '../referral/referral.policy';
import { ReferralStatus } from '../referral/referral.enums';
import { referralColumns, serviceRecordColumns, UUID, type ReferralRow, type ServiceRecordRow } from '../referral/referral.row';
import { CLINICAL_INPUT_FIELDS, recordServiceSchema, type RecordServiceInput } from './service-record.input';

const DELIVERED_BEFORE_SENT_DAYS = 7;

/** A service is recorded once the recipient has taken the referral on. */
const RECORDABLE: readonly ReferralStatus[] = [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED];

/** `input` without its `referralId`, so that a retry is the same request however it named the referral. */
export async function recordService(
  ctx: ReferralsContext,
  referralId: string,
  input: Omit<RecordServiceInput, 'referralId'>,
): Promise<Recorded> {
  if (!UUID.test(referralId)) throw badUserInput('input.referralId: is not a referral id', 'input.referralId');
  const valid = validateInput(recordServiceSchema, input);
  const caller = ctx.caller;
  if (!caller) throw forbidden('Sign in to record a service');
  if (valid.deliveredOn > kenyanDate(ctx.now)) throw badUserInput('input.deliveredOn: must not be in the future', 'input.deliveredOn');
  const clinical = CLINICAL_INPUT_FIELDS.filter((name) => valid[name] !== null && valid[name] !== undefined);
  if (caller.role !== Role.GBVRC_CLINICIAN) {
    // DESIGN.md: the clinician writes clinical service records. What was done for a clinical service is itself
    // clinical, and a DCS officer who may read it back (for the cases DCS owns) still did not give the PEP.
    const refusal =
      clinical.length > 0
        ? `Only a clinician records clinical findings (${clinical.map((f) => `input.${f}`).join(', ')})`
        : CLINICAL_SERVICES.has(valid.service)
          ? `Only a clinician records a clinical service (${valid.service}): the clinic that gave it records it`
          : null;
    if (refusal) throw ctx.audit.refuse('Referral', referralId, 'recordService', forbidden(refusal));
  }

  // A retry of a record already made answers with it, whatever has happened to the referral since.
  return writeOnceKeyed(
    ctx.db,
    KEYED_SERVICE_RECORDS,
    caller.sub,
    valid.idempotencyKey,
    [referralId, input],
    (id) => recordedEarlier(ctx, id),
    (_key, digest) => insertServiceRecord(ctx, caller, referralId, valid, clinical, digest),
  );
}

const SERVICE_RECORD_COLUMNS = serviceRecordColumns();

type Recorded = { serviceRecord: ServiceRecordRow & { referral: ReferralRow }; referral: ReferralRow };

const KEYED_SERVICE_RECORDS: KeyedTable = {
  table: 'referrals.service_record',
  byColumn: 'recorded_by',
  reusedKeyMessage: 'This idempotency key was already used for a different service record; use a new key for a new record',
};

/** The record a retry's key found, with its referral as it is now (through the request's loader). */
async function recordedEarlier(ctx: ReferralsContext, id: string): Promise<Recorded> {
  const [row]: ServiceRecordRow[] = await ctx.db.query(`SELECT ${SERVICE_RECORD_COLUMNS} FROM referrals.service_record WHERE id = $1`, [
    id,
  ]);
  const referral = (await ctx.loaders.referral.load(row.referralId)) as ReferralRow;
  return { serviceRecord: { ...row, referral }, referral };
}

async function insertServiceRecord(
  ctx: ReferralsContext,
  caller: Caller,
  referralId: string,
  valid: ReturnType<typeof recordServiceSchema.parse>,
  clinical: readonly string[],
  digest: string | null,
): Promise<Recorded> {
  return ctx.db.transaction(async (manager) => {
    // Locked: a cancellation committing meanwhile waits, or is seen, so a service is never recorded on a
    // referral cancelled under it; and two recordings of one referral take turns, so each one's stamp (after
    // the latest committed) follows commit order, and a reader paging on from a cursor misses none. NO KEY:
    // the service record's foreign key still takes its share lock beside it.
    const [referral]: ReferralRow[] = await manager.query(
      `SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.id = $1 FOR NO KEY UPDATE`,
      [referralId],
    );
    if (!referral) throw notFound('No referral has this id');
    if (!isRecipient(caller, referral)) {
      throw ctx.audit.refuse(
        'Referral',
        referral.id,
        'recordService',
        forbidden('Only the provider the referral was sent to can record a service for it'),
      );
    }
    // A referral is often written after the child was first seen (a walk-in at 23:40, the police unit's referral
    // at 00:20), so a service may come a few days before it; a date earlier than that is a mistyped date.
    const earliest = kenyanDateDaysBefore(referral.createdAt, DELIVERED_BEFORE_SENT_DAYS);
    if (valid.deliveredOn < earliest)
      throw badUserInput(
        `input.deliveredOn: must not be more than ${DELIVERED_BEFORE_SENT_DAYS} days before the referral was sent (${kenyanDate(referral.createdAt)})`,
        'input.deliveredOn',
      );
    if (!RECORDABLE.includes(referral.status)) {
      throw badUserInput(
        `input.referralId: the referral is ${referral.status}; services are recorded once it is ${RECORDABLE.join(', ')}`,
        'input.referralId',
      );
    }
    // The request's time, or a millisecond after the referral's last record: two services recorded in one
    // request (PEP, then the forensic examination) share its time and would be listed in the order of their ids.
    const [row]: ServiceRecordRow[] = await manager.query(
      `INSERT INTO referrals.service_record (referral_id, provider_id, service, delivered_on, outcome, pep_given, emergency_contraception_given,
          forensic_examination_done, injuries, recorded_by, recorded_by_role, recorded_at, idempotency_key, request_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               GREATEST($12::timestamptz, (SELECT max(recorded_at) + interval '1 millisecond' FROM referrals.service_record WHERE referral_id = $1)),
               $13, $14)
       RETURNING ${SERVICE_RECORD_COLUMNS}`,
      [
        referralId,
        referral.toProviderId,
        valid.service,
        valid.deliveredOn,
        valid.outcome,
        valid.pepGiven ?? null,
        valid.emergencyContraceptionGiven ?? null,
        valid.forensicExaminationDone ?? null,
        valid.injuries ?? null,
        caller.sub,
        caller.role,
        ctx.now,
        valid.idempotencyKey ?? null,
        digest,
      ],
    );
    await ctx.auditWrite(manager, 'ServiceRecord', row.id, ['service', 'deliveredOn', 'outcome', ...clinical]);
    return { serviceRecord: { ...row, referral }, referral };
  });
}
