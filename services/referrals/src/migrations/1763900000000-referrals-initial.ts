import { auditTableDownSql, auditTableMigrationSql, ServiceType } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const SERVICES = list(Object.values(ServiceType));
const STATUSES = list(['SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'DECLINED', 'CANCELLED']);

export class ReferralsInitial1763900000000 implements MigrationInterface {
  name = 'ReferralsInitial1763900000000';

  async up(db: QueryRunner): Promise<void> {
    // References are numbered per county and year; the row lock on the counter serialises concurrent creators.
    await db.query(`CREATE TABLE referrals.reference_counter (
      county_code char(3) NOT NULL,
      year smallint NOT NULL,
      last_value integer NOT NULL CHECK (last_value > 0),
      PRIMARY KEY (county_code, year)
    )`);
    await db.query(`CREATE TABLE referrals.referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference text NOT NULL UNIQUE CHECK (reference ~ '^KE-\\d{3}-\\d{4}-\\d{6}$'),
      case_id uuid NOT NULL,
      case_owner_agency_id uuid NOT NULL,
      case_county char(3) NOT NULL,
      from_provider_id uuid NOT NULL,
      from_agency_id uuid NOT NULL,
      from_agency_type text,
      to_provider_id uuid NOT NULL,
      to_agency_id uuid NOT NULL,
      to_agency_type text,
      service_requested text NOT NULL CHECK (service_requested IN (${SERVICES})),
      urgency text NOT NULL CHECK (urgency IN ('EMERGENCY','HIGH','ROUTINE')),
      status text NOT NULL DEFAULT 'SENT' CHECK (status IN (${STATUSES})),
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      consent_reference text,
      decline_reason text,
      cancel_reason text,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_by text NOT NULL,
      idempotency_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      accepted_at timestamptz,
      declined_at timestamptz,
      started_at timestamptz,
      completed_at timestamptz,
      closed_at timestamptz,
      cancelled_at timestamptz,
      acknowledge_by timestamptz NOT NULL,
      start_by timestamptz NOT NULL,
      next_due_at timestamptz GENERATED ALWAYS AS (
        CASE WHEN status = 'SENT' THEN acknowledge_by WHEN status IN ('ACKNOWLEDGED','ACCEPTED') THEN start_by END
      ) STORED,
      updated_at timestamptz NOT NULL DEFAULT now(),
      is_demo boolean NOT NULL DEFAULT false,
      CHECK (from_provider_id <> to_provider_id),
      CONSTRAINT referral_idempotency_key_unique UNIQUE (created_by, idempotency_key)
    )`);
    await db.query(`CREATE INDEX referral_case_idx ON referrals.referral (case_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX referral_open_parties_idx ON referrals.referral (case_id) WHERE status NOT IN ('CLOSED','CANCELLED')`);
    await db.query(`CREATE INDEX referral_to_provider_idx ON referrals.referral (to_provider_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX referral_from_provider_idx ON referrals.referral (from_provider_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX referral_to_agency_idx ON referrals.referral (to_agency_id)`);
    await db.query(`CREATE INDEX referral_from_agency_idx ON referrals.referral (from_agency_id)`);
    await db.query(`CREATE INDEX referral_county_created_idx ON referrals.referral (case_county, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX referral_next_due_idx ON referrals.referral (next_due_at, id) WHERE next_due_at IS NOT NULL`);

    // Append-only history: `sequence` is the referral's version after the step, so history has no gaps.
    await db.query(`CREATE TABLE referrals.referral_event (
      id bigserial PRIMARY KEY,
      referral_id uuid NOT NULL REFERENCES referrals.referral(id) ON DELETE RESTRICT,
      sequence integer NOT NULL CHECK (sequence > 0),
      from_status text CHECK (from_status IN (${STATUSES})),
      to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
      actor text NOT NULL,
      actor_name text,
      actor_role text NOT NULL,
      actor_agency_id uuid,
      actor_provider_id uuid,
      note text,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT referral_event_sequence_unique UNIQUE (referral_id, sequence)
    )`);

    await db.query(`CREATE TABLE referrals.service_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referrals.referral(id) ON DELETE RESTRICT,
      provider_id uuid NOT NULL,
      service text NOT NULL CHECK (service IN (${SERVICES})),
      delivered_on date NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('DELIVERED','PARTIALLY_DELIVERED','NOT_DELIVERED','REFERRED_ONWARD')),
      pep_given boolean,
      emergency_contraception_given boolean,
      forensic_examination_done boolean,
      injuries text,
      recorded_by text NOT NULL,
      recorded_by_role text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX service_record_referral_idx ON referrals.service_record (referral_id, recorded_at, id)`);

    for (const statement of auditTableMigrationSql('referrals')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of auditTableDownSql('referrals')) await db.query(statement);
    await db.query(`DROP TABLE referrals.service_record`);
    await db.query(`DROP TABLE referrals.referral_event`);
    await db.query(`DROP TABLE referrals.referral`);
    await db.query(`DROP TABLE referrals.reference_counter`);
  }
}
