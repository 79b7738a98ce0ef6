import { auditTableDownSql, auditTableMigrationSql } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryInitial1763800000000 implements MigrationInterface {
  name = 'DirectoryInitial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE directory.county (code char(3) PRIMARY KEY, name text NOT NULL, region text NOT NULL)`);
    await db.query(
      `CREATE TYPE directory.agency_type AS ENUM ('GOVERNMENT','POLICE','HEALTH','NGO','FBO','CBO','UN_AGENCY','PRIVATE_SECTOR','JUDICIARY','EDUCATION')`,
    );
    await db.query(`CREATE TABLE directory.agency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      acronym text UNIQUE,
      type directory.agency_type NOT NULL,
      active boolean NOT NULL DEFAULT true,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX agency_name_idx ON directory.agency (name, id)`);
    await db.query(
      `CREATE TYPE directory.provider_type AS ENUM ('CHILDREN_OFFICE','POLICE_CPU','GBVRC','CHILD_PROTECTION_CENTRE','SAFE_HOUSE','CHARITABLE_CHILDREN_INSTITUTION','HOSPITAL','LEGAL_AID','HELPLINE','REHABILITATION_CENTRE','NGO_PROGRAMME')`,
    );
    await db.query(
      `CREATE TYPE directory.service_type AS ENUM ('MEDICAL_CARE','POST_EXPOSURE_PROPHYLAXIS','FORENSIC_EXAMINATION','PSYCHOSOCIAL_SUPPORT','LEGAL_AID','SAFE_SHELTER','POLICE_INVESTIGATION','CASE_MANAGEMENT','FAMILY_TRACING_AND_REINTEGRATION','EDUCATION_SUPPORT','ECONOMIC_EMPOWERMENT','DRUG_REHABILITATION','HELPLINE_COUNSELLING')`,
    );
    await db.query(`CREATE TABLE directory.service_provider (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES directory.agency(id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      type directory.provider_type NOT NULL,
      county_code char(3) NOT NULL REFERENCES directory.county(code) ON DELETE RESTRICT,
      sub_county text,
      address text,
      phone text,
      email text,
      open_24_hours boolean NOT NULL DEFAULT false,
      services directory.service_type[] NOT NULL DEFAULT '{}',
      capacity integer CHECK (capacity IS NULL OR capacity >= 0),
      accepting_referrals boolean NOT NULL DEFAULT true,
      active boolean NOT NULL DEFAULT true,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX service_provider_agency_idx ON directory.service_provider (agency_id)`);
    await db.query(`CREATE INDEX service_provider_county_name_idx ON directory.service_provider (county_code, name, id) WHERE active`);
    await db.query(`CREATE INDEX service_provider_name_idx ON directory.service_provider (name, id)`);
    await db.query(`CREATE INDEX service_provider_services_idx ON directory.service_provider USING gin (services)`);
    await db.query(`CREATE TABLE directory.opening_hours (
      provider_id uuid NOT NULL REFERENCES directory.service_provider(id) ON DELETE CASCADE,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      opens time NOT NULL,
      closes time NOT NULL CHECK (closes > opens),
      PRIMARY KEY (provider_id, weekday, opens)
    )`);
    for (const statement of auditTableMigrationSql('directory')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of auditTableDownSql('directory')) await db.query(statement);
    await db.query(`DROP TABLE directory.opening_hours`);
    await db.query(`DROP TABLE directory.service_provider`);
    await db.query(`DROP TYPE directory.service_type`);
    await db.query(`DROP TYPE directory.provider_type`);
    await db.query(`DROP TABLE directory.agency`);
    await db.query(`DROP TYPE directory.agency_type`);
    await db.query(`DROP TABLE directory.county`);
  }
}
