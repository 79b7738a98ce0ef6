import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a change log watches: a table, the events that change what is counted, and the log's own names. */
export interface ChangeLogDefinition {
  /** Schema of both tables, e.g. `referrals`. */
  schema: string;
  /** The log table, e.g. `referral_count_change`; its trigger and function are named after it. */
  log: string;
  /** The watched table, e.g. `referral`. */
  watched: string;
  /** The trigger's events, e.g. `INSERT OR UPDATE OF created_at OR DELETE OR TRUNCATE`. */
  events: string;
}

/**
 * The statements that create a change log (ChangeLoggedSnapshots): each transaction that changes `watched`
 * appends its own id, once (no two writers touch the same row, so none waits on another), and `recorded_at`
 * lets old entries be pruned. Names come from code, never from input.
 */
function changeLogUp({ schema, log, watched, events }: ChangeLogDefinition): string[] {
  return [
    `CREATE TABLE ${schema}.${log} (
      transaction_id xid8 PRIMARY KEY,
      -- The statement's clock, not the transaction's start: pruning must never take a change younger than it looks.
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE INDEX ${log}_recorded_idx ON ${schema}.${log} (recorded_at)`,
    `CREATE FUNCTION ${schema}.record_${log}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${schema}.${log} (transaction_id) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER ${log} AFTER ${events} ON ${schema}.${watched}
      FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.record_${log}()`,
    // Bulk loads skip triggers (session_replication_role = replica, scripts/seed-scale): a process holding a
    // table computed before them must still see them.
    `ALTER TABLE ${schema}.${watched} ENABLE ALWAYS TRIGGER ${log}`,
  ];
}

function changeLogDown({ schema, log, watched }: ChangeLogDefinition): string[] {
  return [`DROP TRIGGER ${log} ON ${schema}.${watched}`, `DROP FUNCTION ${schema}.record_${log}()`, `DROP TABLE ${schema}.${log}`];
}

/** A migration that creates (and `down` drops) a change log. */
export function changeLogMigration(name: string, log: ChangeLogDefinition) {
  return class ChangeLog implements MigrationInterface {
    name = name;

    async up(db: QueryRunner): Promise<void> {
      for (const statement of changeLogUp(log)) await db.query(statement);
    }

    async down(db: QueryRunner): Promise<void> {
      for (const statement of changeLogDown(log)) await db.query(statement);
    }
  };
}
