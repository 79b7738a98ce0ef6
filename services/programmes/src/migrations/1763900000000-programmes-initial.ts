import { auditTableDownSql, auditTableMigrationSql } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammesInitial1763900000000 implements MigrationInterface {
  name = 'ProgrammesInitial1763900000000';

  async up(db: QueryRunner): Promise<void> {
    // Every framework row belongs to a plan, so the NPA 2018-2022 and the plan after it live side by side.
    await db.query(`CREATE TABLE programmes.plan (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      source text,
      start_year smallint NOT NULL,
      end_year smallint NOT NULL CHECK (end_year >= start_year),
      notes text[] NOT NULL DEFAULT '{}',
      source_sha256 text
    )`);
    await db.query(`CREATE TABLE programmes.focus_area (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES programmes.plan(id) ON DELETE RESTRICT,
      code text NOT NULL,
      name text NOT NULL,
      position smallint NOT NULL,
      planned_activities text[] NOT NULL DEFAULT '{}',
      notes text,
      UNIQUE (plan_id, code)
    )`);
    await db.query(`CREATE TABLE programmes.objective (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES programmes.plan(id) ON DELETE RESTRICT,
      focus_area_id uuid NOT NULL REFERENCES programmes.focus_area(id) ON DELETE RESTRICT,
      code text NOT NULL,
      position smallint NOT NULL,
      title text,
      target_groups text[] NOT NULL DEFAULT '{}',
      lead_agencies text[] NOT NULL DEFAULT '{}',
      partners text[] NOT NULL DEFAULT '{}',
      results text[] NOT NULL DEFAULT '{}',
      resources text[] NOT NULL DEFAULT '{}',
      indicative_budget_kes bigint CHECK (indicative_budget_kes IS NULL OR indicative_budget_kes >= 0),
      timeline_start smallint,
      timeline_end smallint,
      notes text,
      UNIQUE (plan_id, code)
    )`);
    await db.query(`CREATE INDEX objective_focus_area_idx ON programmes.objective (focus_area_id, position)`);
    await db.query(`CREATE INDEX objective_lead_agencies_idx ON programmes.objective USING gin (lead_agencies)`);
    await db.query(`CREATE TABLE programmes.activity (
      id uuid PRIMARY KEY,
      objective_id uuid NOT NULL REFERENCES programmes.objective(id) ON DELETE RESTRICT,
      position smallint NOT NULL,
      description text NOT NULL,
      UNIQUE (objective_id, position)
    )`);
    await db.query(`CREATE TABLE programmes.indicator (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES programmes.plan(id) ON DELETE RESTRICT,
      objective_id uuid NOT NULL REFERENCES programmes.objective(id) ON DELETE RESTRICT,
      position smallint NOT NULL,
      name text NOT NULL,
      unit text NOT NULL CHECK (unit IN ('COUNT','PERCENT','DOCUMENT','QUALITATIVE')),
      live_metric text,
      UNIQUE (objective_id, position)
    )`);
    await db.query(`CREATE INDEX indicator_plan_idx ON programmes.indicator (plan_id)`);
    await db.query(`CREATE TABLE programmes.plan_agency (
      plan_id uuid NOT NULL REFERENCES programmes.plan(id) ON DELETE RESTRICT,
      acronym text NOT NULL,
      name text NOT NULL,
      origin text,
      PRIMARY KEY (plan_id, acronym)
    )`);
    // Lead agencies are written in the matrix as text ("NCCS", "National Police Service"); this maps such a
    // text to the directory agency it means. Directory ids are not derivable from acronyms outside the demo.
    await db.query(`CREATE TABLE programmes.agency_link (
      npa_name text PRIMARY KEY,
      agency_id uuid NOT NULL,
      linked_by text NOT NULL,
      linked_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX agency_link_agency_idx ON programmes.agency_link (agency_id)`);
    await db.query(`CREATE TABLE programmes.target (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      indicator_id uuid NOT NULL REFERENCES programmes.indicator(id) ON DELETE RESTRICT,
      county_code char(3),
      period_year smallint NOT NULL,
      period_quarter smallint CHECK (period_quarter BETWEEN 1 AND 4),
      baseline double precision,
      target_value double precision NOT NULL CHECK (target_value >= 0),
      set_by text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    )`);
    // A null county is the national target and a null quarter the whole year: one target per scope.
    await db.query(
      `CREATE UNIQUE INDEX target_scope_uq ON programmes.target (indicator_id, (coalesce(county_code, '000')), period_year, (coalesce(period_quarter, 0)))`,
    );
    await db.query(`CREATE INDEX target_year_idx ON programmes.target (period_year, indicator_id)`);
    await db.query(`CREATE TABLE programmes.progress_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      lineage_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      indicator_id uuid NOT NULL REFERENCES programmes.indicator(id) ON DELETE RESTRICT,
      agency_id uuid NOT NULL,
      county_code char(3) NOT NULL,
      period_year smallint NOT NULL,
      period_quarter smallint NOT NULL CHECK (period_quarter BETWEEN 1 AND 4),
      actual_value double precision CHECK (actual_value IS NULL OR actual_value >= 0),
      denominator integer CHECK (denominator IS NULL OR denominator >= 0),
      achievement text CHECK (achievement IN ('ACHIEVED','IN_PROGRESS','NOT_STARTED')),
      evidence text,
      spend_kes bigint CHECK (spend_kes IS NULL OR spend_kes >= 0),
      narrative text,
      status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','APPROVED')),
      review_comment text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_by text,
      submitted_at timestamptz,
      reviewed_by text,
      reviewed_at timestamptz,
      UNIQUE (lineage_id, version)
    )`);
    // One report line per agency, indicator, county and quarter; at most one version of it open at a time.
    await db.query(
      `CREATE UNIQUE INDEX progress_report_scope_uq ON programmes.progress_report (agency_id, indicator_id, county_code, period_year, period_quarter) WHERE version = 1`,
    );
    await db.query(`CREATE UNIQUE INDEX progress_report_open_uq ON programmes.progress_report (lineage_id) WHERE status <> 'APPROVED'`);
    await db.query(
      `CREATE INDEX progress_report_approved_idx ON programmes.progress_report (period_year, indicator_id) WHERE status = 'APPROVED'`,
    );
    await db.query(`CREATE INDEX progress_report_agency_idx ON programmes.progress_report (agency_id, created_at, id)`);
    await db.query(`CREATE INDEX progress_report_list_idx ON programmes.progress_report (created_at, id)`);
    // The database itself keeps an approved report final: only a new version supersedes it.
    await db.query(`CREATE FUNCTION programmes.approved_report_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'APPROVED' THEN
          RAISE EXCEPTION 'an approved progress report is never changed' USING ERRCODE = 'P0001';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER progress_report_approved_is_final BEFORE UPDATE OR DELETE ON programmes.progress_report
      FOR EACH ROW EXECUTE FUNCTION programmes.approved_report_is_final()`);
    await db.query(`CREATE TABLE programmes.progress_report_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES programmes.progress_report(id) ON DELETE RESTRICT,
      lineage_id uuid NOT NULL,
      version integer NOT NULL,
      action text NOT NULL CHECK (action IN ('CREATED','UPDATED','SUBMITTED','RETURNED','APPROVED','REVISED')),
      actor text NOT NULL,
      actor_agency_id uuid,
      at timestamptz NOT NULL DEFAULT now(),
      comment text
    )`);
    await db.query(`CREATE INDEX progress_report_event_lineage_idx ON programmes.progress_report_event (lineage_id, at, id)`);
    for (const statement of auditTableMigrationSql('programmes')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of auditTableDownSql('programmes')) await db.query(statement);
    await db.query(`DROP TABLE programmes.progress_report_event`);
    await db.query(`DROP TABLE programmes.progress_report`);
    await db.query(`DROP FUNCTION programmes.approved_report_is_final()`);
    await db.query(`DROP TABLE programmes.target`);
    await db.query(`DROP TABLE programmes.agency_link`);
    await db.query(`DROP TABLE programmes.plan_agency`);
    await db.query(`DROP TABLE programmes.indicator`);
    await db.query(`DROP TABLE programmes.activity`);
    await db.query(`DROP TABLE programmes.objective`);
    await db.query(`DROP TABLE programmes.focus_area`);
    await db.query(`DROP TABLE programmes.plan`);
  }
}
