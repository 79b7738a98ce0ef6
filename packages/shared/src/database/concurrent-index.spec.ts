import type { QueryRunner } from 'typeorm';
import { concurrentIndexMigration, createIndexConcurrently } from './concurrent-index';

/** A QueryRunner that records what it is asked; `invalid` names the indexes pg_index reports INVALID. */
function recordingRunner(invalid: string[] = []) {
  const sent: string[] = [];
  const db = {
    query: async (sql: string, params?: unknown[]) => {
      sent.push(sql.replace(/\s+/g, ' ').trim());
      return sql.includes('pg_index') && invalid.includes(String(params?.[1])) ? [{ '?column?': 1 }] : [];
    },
  } as unknown as QueryRunner;
  return { db, sent: () => sent.filter((sql) => !sql.includes('pg_index') && !sql.includes('statement_timeout')) };
}

describe('createIndexConcurrently', () => {
  it('builds the index concurrently, unique when asked, and drops a half-built one first', async () => {
    const fresh = recordingRunner();
    await createIndexConcurrently(fresh.db, 'cases', 'case_x_idx', 'cases."case" (x)');
    expect(fresh.sent()).toEqual(['CREATE INDEX CONCURRENTLY IF NOT EXISTS case_x_idx ON cases."case" (x)']);
    const halfBuilt = recordingRunner(['case_y_uq']);
    await createIndexConcurrently(halfBuilt.db, 'cases', 'case_y_uq', 'cases."case" (y)', true);
    expect(halfBuilt.sent()).toEqual([
      'DROP INDEX CONCURRENTLY cases.case_y_uq',
      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS case_y_uq ON cases."case" (y)',
    ]);
  });
});

describe('concurrentIndexMigration', () => {
  const Migration = concurrentIndexMigration(
    'CasesSome1',
    'cases',
    [
      ['case_a_idx', 'cases."case" (a)'],
      ['case_b_uq', 'cases."case" (b)', 'unique'],
    ],
    [['case_old_idx', 'cases."case" (old)']],
  );

  it('runs outside a transaction under its own name, builds the new indexes, then retires the old', async () => {
    const migration = new Migration();
    expect(migration).toMatchObject({ name: 'CasesSome1', transaction: false });
    const { db, sent } = recordingRunner();
    await migration.up(db);
    expect(sent()).toEqual([
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS case_a_idx ON cases."case" (a)',
      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS case_b_uq ON cases."case" (b)',
      'DROP INDEX CONCURRENTLY IF EXISTS cases.case_old_idx',
    ]);
  });

  it('undoes it the other way round: the retired index back first', async () => {
    const { db, sent } = recordingRunner();
    await new Migration().down(db);
    expect(sent()).toEqual([
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS case_old_idx ON cases."case" (old)',
      'DROP INDEX CONCURRENTLY IF EXISTS cases.case_a_idx',
      'DROP INDEX CONCURRENTLY IF EXISTS cases.case_b_uq',
    ]);
  });
});
