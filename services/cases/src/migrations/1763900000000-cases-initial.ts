import { auditTableDownSql, auditTableMigrationSql } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const SEXES = ['FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN'];
const STATUSES = ['OPEN', 'IN_CARE', 'REINTEGRATED', 'CLOSED'];
const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const CATEGORIES = [
  'SEXUAL_ABUSE',
  'DEFILEMENT',
  'COMMERCIAL_SEXUAL_EXPLOITATION',
  'ONLINE_SEXUAL_EXPLOITATION',
  'CHILD_TRAFFICKING',
  'CHILD_MARRIAGE',
  'FEMALE_GENITAL_MUTILATION',
  'EXPLOITATION_IN_TRAVEL_AND_TOURISM',
  'CHILD_PORNOGRAPHY',
  'PHYSICAL_ABUSE',
  'NEGLECT',
  'CHILD_LABOUR',
];
const BASES = ['CHILD', 'CAREGIVER', 'COURT_ORDER', 'MANDATORY_REPORTING'];
const CONSENT_TIERS = ['OPERATIONAL', 'IDENTIFYING', 'CLINICAL', 'NARRATIVE'];
const AGENCY_TYPES = ['GOVERNMENT', 'POLICE', 'HEALTH', 'NGO', 'FBO', 'CBO', 'UN_AGENCY', 'PRIVATE_SECTOR', 'JUDICIARY', 'EDUCATION'];

/**
 * Vocabularies are text with CHECK constraints rather than PostgreSQL enums: adding a category is then one
 * constraint swap inside a transaction, and arrays of them need no casts in hand-written SQL.
 */
export class CasesInitial1763900000000 implements MigrationInterface {
  name = 'CasesInitial1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cases.child (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      first_name text NOT NULL CHECK (length(trim(first_name)) > 0),
      middle_name text,
      last_name text NOT NULL CHECK (length(trim(last_name)) > 0),
      date_of_birth date,
      estimated_age_years smallint CHECK (estimated_age_years BETWEEN 0 AND 17),
      age_estimated_on date,
      sex text NOT NULL CHECK (sex IN (${list(SEXES)})),
      county_code char(3) NOT NULL,
      sub_county text,
      location text,
      school text,
      birth_certificate_number text,
      disability text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT child_age_known CHECK (date_of_birth IS NOT NULL OR (estimated_age_years IS NOT NULL AND age_estimated_on IS NOT NULL))
    )`);
    await db.query(`CREATE TABLE cases.caregiver (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES cases.child(id) ON DELETE CASCADE,
      position smallint NOT NULL,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      relationship text NOT NULL,
      phone text,
      UNIQUE (child_id, position)
    )`);
    await db.query(`CREATE TABLE cases.case_number_counter (
      county_code char(3) NOT NULL,
      year smallint NOT NULL,
      last_value integer NOT NULL CHECK (last_value BETWEEN 1 AND 999999),
      PRIMARY KEY (county_code, year)
    )`);
    await db.query(`CREATE TABLE cases."case" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_number text NOT NULL UNIQUE CHECK (case_number ~ '^KE-[0-9]{3}-[0-9]{4}-[0-9]{6}$'),
      child_id uuid NOT NULL REFERENCES cases.child(id) ON DELETE RESTRICT,
      categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY[${list(CATEGORIES)}]::text[]),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN (${list(STATUSES)})),
      risk_level text NOT NULL CHECK (risk_level IN (${list(RISK_LEVELS)})),
      owner_agency_id uuid NOT NULL,
      owner_provider_id uuid NOT NULL,
      assigned_officer_sub text,
      assigned_officer_name text,
      county_code char(3) NOT NULL,
      opened_on date NOT NULL,
      closed_on date,
      close_reason text,
      incident_narrative text,
      perpetrator_details text,
      clinical_notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT case_closed_consistent CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL) AND (closed_on IS NULL OR close_reason IS NOT NULL)),
      CONSTRAINT case_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on)
    )`);
    // The list filters: county and date (every role's list is county-bound), owner agency, officer, status, risk, category.
    await db.query(`CREATE INDEX case_county_opened_idx ON cases."case" (county_code, opened_on DESC, id DESC)`);
    await db.query(`CREATE INDEX case_owner_county_opened_idx ON cases."case" (owner_agency_id, county_code, opened_on DESC, id DESC)`);
    await db.query(`CREATE INDEX case_assigned_officer_idx ON cases."case" (assigned_officer_sub, opened_on DESC, id DESC)`);
    await db.query(`CREATE INDEX case_status_idx ON cases."case" (status)`);
    await db.query(`CREATE INDEX case_risk_level_idx ON cases."case" (risk_level)`);
    await db.query(`CREATE INDEX case_categories_idx ON cases."case" USING gin (categories)`);
    await db.query(`CREATE INDEX case_child_idx ON cases."case" (child_id)`);
    await db.query(`CREATE TABLE cases.case_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases."case"(id) ON DELETE CASCADE,
      author_sub text NOT NULL,
      author_name text NOT NULL,
      body text NOT NULL CHECK (length(trim(body)) > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX case_note_case_idx ON cases.case_note (case_id, created_at DESC, id DESC)`);
    await db.query(`CREATE TABLE cases.consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases."case"(id) ON DELETE CASCADE,
      basis text NOT NULL CHECK (basis IN (${list(BASES)})),
      agency_ids uuid[] NOT NULL DEFAULT '{}',
      agency_types text[] NOT NULL DEFAULT '{}' CHECK (agency_types <@ ARRAY[${list(AGENCY_TYPES)}]::text[]),
      tiers text[] NOT NULL CHECK (cardinality(tiers) > 0 AND tiers <@ ARRAY[${list(CONSENT_TIERS)}]::text[]),
      purpose text NOT NULL CHECK (length(trim(purpose)) > 0),
      given_at timestamptz NOT NULL,
      expires_at timestamptz,
      revoked_at timestamptz,
      revocation_reason text,
      recorded_by_sub text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT consent_names_someone CHECK (cardinality(agency_ids) + cardinality(agency_types) > 0),
      CONSTRAINT consent_expires_after_given CHECK (expires_at IS NULL OR expires_at > given_at),
      CONSTRAINT consent_revocation_has_reason CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
    )`);
    await db.query(`CREATE INDEX consent_case_idx ON cases.consent (case_id, given_at, id)`);
    for (const statement of auditTableMigrationSql('cases')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of auditTableDownSql('cases')) await db.query(statement);
    await db.query(`DROP TABLE cases.consent`);
    await db.query(`DROP TABLE cases.case_note`);
    await db.query(`DROP TABLE cases."case"`);
    await db.query(`DROP TABLE cases.case_number_counter`);
    await db.query(`DROP TABLE cases.caregiver`);
    await db.query(`DROP TABLE cases.child`);
  }
}
