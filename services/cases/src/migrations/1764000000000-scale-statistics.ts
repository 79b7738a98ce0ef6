import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The age band at opening, exactly as statistics.service.ts defined it over cases and children. */
const AGE_BAND = (opened: string, dob: string, estimated: string, estimatedOn: string) => `CASE
  WHEN (CASE WHEN ${dob} IS NOT NULL THEN date_part('year', age(${opened}, ${dob}))
             ELSE ${estimated} + date_part('year', age(${opened}, ${estimatedOn})) END) <= 4 THEN 'AGE_0_4'
  WHEN (CASE WHEN ${dob} IS NOT NULL THEN date_part('year', age(${opened}, ${dob}))
             ELSE ${estimated} + date_part('year', age(${opened}, ${estimatedOn})) END) <= 9 THEN 'AGE_5_9'
  WHEN (CASE WHEN ${dob} IS NOT NULL THEN date_part('year', age(${opened}, ${dob}))
             ELSE ${estimated} + date_part('year', age(${opened}, ${estimatedOn})) END) <= 14 THEN 'AGE_10_14'
  ELSE 'AGE_15_17' END`;
const QUARTER = (opened: string) => `to_char(${opened}, 'YYYY') || '-Q' || to_char(${opened}, 'Q')`;

/**
 * Case statistics at national scale. Counting 1,000,000 cases joined to their children for every
 * `caseStatistics` request took 3 s (EXPLAIN ANALYZE, BENCHMARKS.md); this summary holds the counts per
 * county, quarter opened, sex and age band at opening: once per case (category '*') and once per distinct
 * category of the case, so that sums over it equal the COUNT(DISTINCT case) of the old query for any grouping.
 * Triggers keep it exact in the writing transaction (a case opened, re-dated, moved or re-categorised; a
 * child's sex or age corrected); `cases.rebuild_case_statistics()` recomputes it after bulk loads that bypass
 * triggers (scripts/seed-scale).
 */
export class CasesScaleStatistics1764000000000 implements MigrationInterface {
  name = 'CasesScaleStatistics1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cases.case_statistics_cell (
      category text NOT NULL,
      county_code char(3) NOT NULL,
      quarter text NOT NULL,
      sex text NOT NULL,
      age_band text NOT NULL,
      -- No CHECK (n >= 0): PostgreSQL checks the row an upsert proposes (delta -1) before it finds the conflict.
      n integer NOT NULL,
      PRIMARY KEY (category, county_code, quarter, sex, age_band)
    )`);
    await db.query(`CREATE FUNCTION cases.apply_case_statistics(county char(3), opened date, categories text[], child_id uuid, delta integer)
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO cases.case_statistics_cell AS s (category, county_code, quarter, sex, age_band, n)
        SELECT k.category, county, ${QUARTER('opened')}, ch.sex,
          ${AGE_BAND('opened', 'ch.date_of_birth', 'ch.estimated_age_years', 'ch.age_estimated_on')}, delta
        FROM cases.child ch
        CROSS JOIN (SELECT '*' AS category UNION SELECT DISTINCT unnest(categories)) AS k
        WHERE ch.id = child_id
        ORDER BY 1
        ON CONFLICT (category, county_code, quarter, sex, age_band) DO UPDATE SET n = s.n + EXCLUDED.n
      $$`);
    await db.query(`CREATE FUNCTION cases.case_statistics_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.county_code = OLD.county_code AND NEW.opened_on = OLD.opened_on
           AND NEW.categories = OLD.categories AND NEW.child_id = OLD.child_id THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM cases.apply_case_statistics(OLD.county_code, OLD.opened_on, OLD.categories, OLD.child_id, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM cases.apply_case_statistics(NEW.county_code, NEW.opened_on, NEW.categories, NEW.child_id, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER case_statistics AFTER INSERT OR UPDATE OR DELETE ON cases."case"
      FOR EACH ROW EXECUTE FUNCTION cases.case_statistics_on_case()`);
    // A child's sex or age moves every case of the child between cells: out with the old values, in with the new.
    await db.query(`CREATE FUNCTION cases.case_statistics_on_child() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT county_code, opened_on, categories FROM cases."case" WHERE child_id = NEW.id LOOP
          INSERT INTO cases.case_statistics_cell AS s (category, county_code, quarter, sex, age_band, n)
          SELECT k.category, c.county_code, ${QUARTER('c.opened_on')}, v.sex, v.age_band, sum(v.delta)
          FROM (VALUES
            (OLD.sex, ${AGE_BAND('c.opened_on', 'OLD.date_of_birth', 'OLD.estimated_age_years', 'OLD.age_estimated_on')}, -1),
            (NEW.sex, ${AGE_BAND('c.opened_on', 'NEW.date_of_birth', 'NEW.estimated_age_years', 'NEW.age_estimated_on')}, 1)
          ) AS v(sex, age_band, delta)
          CROSS JOIN (SELECT '*' AS category UNION SELECT DISTINCT unnest(c.categories)) AS k
          -- A correction that leaves the band as it was nets out: one statement may not touch a row twice.
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(v.delta) <> 0
          ORDER BY 1, 4, 5
          ON CONFLICT (category, county_code, quarter, sex, age_band) DO UPDATE SET n = s.n + EXCLUDED.n;
        END LOOP;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER case_statistics_child AFTER UPDATE OF sex, date_of_birth, estimated_age_years, age_estimated_on
      ON cases.child FOR EACH ROW
      WHEN (OLD.sex IS DISTINCT FROM NEW.sex OR OLD.date_of_birth IS DISTINCT FROM NEW.date_of_birth
        OR OLD.estimated_age_years IS DISTINCT FROM NEW.estimated_age_years OR OLD.age_estimated_on IS DISTINCT FROM NEW.age_estimated_on)
      EXECUTE FUNCTION cases.case_statistics_on_child()`);
    await db.query(`CREATE FUNCTION cases.rebuild_case_statistics() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE cases.case_statistics_cell IN EXCLUSIVE MODE;
        DELETE FROM cases.case_statistics_cell;
        INSERT INTO cases.case_statistics_cell (category, county_code, quarter, sex, age_band, n)
        SELECT k.category, c.county_code, ${QUARTER('c.opened_on')}, ch.sex,
          ${AGE_BAND('c.opened_on', 'ch.date_of_birth', 'ch.estimated_age_years', 'ch.age_estimated_on')}, count(*)
        FROM cases."case" c
        JOIN cases.child ch ON ch.id = c.child_id
        CROSS JOIN LATERAL (SELECT '*' AS category UNION SELECT DISTINCT unnest(c.categories)) AS k
        GROUP BY 1, 2, 3, 4, 5;
      END $$`);
    await db.query(`SELECT cases.rebuild_case_statistics()`);

    // Case lists: an officer's (agency, county, status) and a supervisor's (county, status), newest first;
    // the count of a filtered list is then an index-only scan instead of a visit to every case of the county.
    await db.query(
      `CREATE INDEX IF NOT EXISTS case_owner_county_status_idx ON cases."case" (owner_agency_id, county_code, status, opened_on DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX IF NOT EXISTS case_county_status_idx ON cases."case" (county_code, status, opened_on DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS cases.case_county_status_idx`);
    await db.query(`DROP INDEX IF EXISTS cases.case_owner_county_status_idx`);
    await db.query(`DROP TRIGGER case_statistics_child ON cases.child`);
    await db.query(`DROP TRIGGER case_statistics ON cases."case"`);
    await db.query(`DROP FUNCTION cases.rebuild_case_statistics()`);
    await db.query(`DROP FUNCTION cases.case_statistics_on_child()`);
    await db.query(`DROP FUNCTION cases.case_statistics_on_case()`);
    await db.query(`DROP FUNCTION cases.apply_case_statistics(char, date, text[], uuid, integer)`);
    await db.query(`DROP TABLE cases.case_statistics_cell`);
  }
}
