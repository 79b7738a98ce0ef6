import type { Caller } from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import type { ReferralStatus } from './referral.enums';

export interface ReferralEventInput {
  referralId: string;
  /** The referral version the step produced. */
  sequence: number;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  note: string | null;
  occurredAt: Date;
}

/** One step of a referral's history, written in the transaction of the step, with who took it. */
export async function recordReferralEvent(manager: EntityManager, caller: Caller, event: ReferralEventInput): Promise<void> {
  await manager.query(
    `INSERT INTO referrals.referral_event (referral_id, sequence, from_status, to_status, actor, actor_name, actor_role, actor_agency_id, actor_provider_id, note, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      event.referralId,
      event.sequence,
      event.fromStatus,
      event.toStatus,
      caller.sub,
      caller.name,
      caller.role,
      caller.agencyId ?? null,
      caller.providerId ?? null,
      event.note,
      event.occurredAt,
    ],
  );
}
