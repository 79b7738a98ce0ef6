import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subject access requests: the DPO's record of a data subject asking for everything held about them in a case,
 * and the one way the DPO reads a case's records (while the request is OPEN). One open request per case, so
 * two DPOs cannot answer the same request twice; closed requests stay as the record of what was answered.
 */
export class CasesSubjectAccess1764200000000 implements MigrationInterface {
  name = 'CasesSubjectAccess1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cases.subject_access_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      requested_by text NOT NULL CHECK (requested_by IN ('CHILD', 'CAREGIVER', 'LEGAL_REPRESENTATIVE')),
      status text NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'REFUSED')),
      received_on date NOT NULL,
      opened_by_sub text NOT NULL,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_by_sub text,
      outcome_note text,
      CONSTRAINT subject_access_request_closed CHECK ((status = 'OPEN') = (closed_at IS NULL AND closed_by_sub IS NULL AND outcome_note IS NULL))
    )`);
    await db.query(
      `CREATE UNIQUE INDEX subject_access_request_one_open_per_case ON cases.subject_access_request (case_id) WHERE status = 'OPEN'`,
    );
    await db.query(`CREATE INDEX subject_access_request_opened_idx ON cases.subject_access_request (opened_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cases.subject_access_request`);
  }
}
