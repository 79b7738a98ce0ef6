import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure requests (Data Protection Act 2019, s. 40): the DPO's record of a request to erase a case's personal
 * data, and how it was answered. One pending (OPEN or ERASING) request per case. Carrying one out sets the
 * child's names, the caregivers' details and the notes' text to NULL, so those columns may now be empty, and
 * marks the case erased; the rows stay, so the audit trail still finds what was read of them.
 */
export class CasesErasure1765300000000 implements MigrationInterface {
  name = 'CasesErasure1765300000000';

  async up(db: QueryRunner): Promise<void> {
    // One pass over the cases to check the changed constraint (seconds at 1,000,000), not blocked behind a long transaction.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`CREATE TABLE cases.erasure_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      requested_by text NOT NULL CHECK (requested_by IN ('CHILD', 'CAREGIVER', 'LEGAL_REPRESENTATIVE')),
      ground text NOT NULL CHECK (ground IN ('NO_LONGER_AUTHORISED', 'IRRELEVANT', 'EXCESSIVE', 'OBTAINED_UNLAWFULLY')),
      status text NOT NULL CHECK (status IN ('OPEN', 'ERASING', 'CARRIED_OUT', 'REFUSED')),
      received_on date NOT NULL,
      opened_by_sub text NOT NULL,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_by_sub text,
      outcome_note text,
      referrals_erased integer,
      CONSTRAINT erasure_request_closed CHECK ((status IN ('OPEN', 'ERASING')) = (closed_at IS NULL AND closed_by_sub IS NULL AND outcome_note IS NULL)),
      CONSTRAINT erasure_request_referrals_counted CHECK ((status = 'CARRIED_OUT') = (referrals_erased IS NOT NULL))
    )`);
    await db.query(
      `CREATE UNIQUE INDEX erasure_request_one_pending_per_case ON cases.erasure_request (case_id) WHERE status IN ('OPEN', 'ERASING')`,
    );
    await db.query(`CREATE INDEX erasure_request_opened_idx ON cases.erasure_request (opened_at DESC, id DESC)`);
    // A closed case keeps its reason for closing, unless an erasure emptied it.
    await db.query(`ALTER TABLE cases."case"
      ADD COLUMN erased_at timestamptz,
      DROP CONSTRAINT case_closed_consistent,
      ADD CONSTRAINT case_closed_consistent CHECK (
        (status = 'CLOSED') = (closed_on IS NOT NULL) AND (closed_on IS NULL OR close_reason IS NOT NULL OR erased_at IS NOT NULL))`);
    await db.query(`ALTER TABLE cases.child ALTER COLUMN first_name DROP NOT NULL`);
    await db.query(`ALTER TABLE cases.caregiver ALTER COLUMN name DROP NOT NULL, ALTER COLUMN relationship DROP NOT NULL`);
    await db.query(`ALTER TABLE cases.case_note ALTER COLUMN body DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE cases.case_note SET body = '(erased)' WHERE body IS NULL`);
    await db.query(`ALTER TABLE cases.case_note ALTER COLUMN body SET NOT NULL`);
    await db.query(
      `UPDATE cases.caregiver SET name = coalesce(name, '(erased)'), relationship = coalesce(relationship, '(erased)') WHERE name IS NULL OR relationship IS NULL`,
    );
    await db.query(`ALTER TABLE cases.caregiver ALTER COLUMN name SET NOT NULL, ALTER COLUMN relationship SET NOT NULL`);
    await db.query(`UPDATE cases.child SET first_name = '(erased)' WHERE first_name IS NULL`);
    await db.query(`ALTER TABLE cases.child ALTER COLUMN first_name SET NOT NULL`);
    await db.query(`UPDATE cases."case" SET close_reason = '(erased)' WHERE closed_on IS NOT NULL AND close_reason IS NULL`);
    await db.query(`ALTER TABLE cases."case"
      DROP CONSTRAINT case_closed_consistent,
      ADD CONSTRAINT case_closed_consistent CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL) AND (closed_on IS NULL OR close_reason IS NOT NULL)),
      DROP COLUMN erased_at`);
    await db.query(`DROP TABLE cases.erasure_request`);
  }
}
