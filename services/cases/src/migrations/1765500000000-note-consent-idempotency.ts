import { createIndexConcurrently } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEYED = [
  ['case_note', 'author_sub', 'case_note_idempotency_uq'],
  ['consent', 'recorded_by_sub', 'consent_idempotency_uq'],
] as const;

/**
 * The key a client gives `addCaseNote` and `recordConsent`, with a digest of what it asked, as `openCase` keeps
 * them: a note retried after a timeout whose outcome was unknown is not written twice, nor a consent (which
 * counts against the case's hundred). Nullable columns without a default, so each ALTER is instant; the unique
 * indexes are built CONCURRENTLY, outside a transaction, so that notes and consents are written meanwhile. `down`
 * runs outside a transaction too, so `migration:revert` cannot run it: drop the indexes and columns by hand.
 */
export class CasesNoteConsentIdempotency1765500000000 implements MigrationInterface {
  name = 'CasesNoteConsentIdempotency1765500000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    for (const [table, byColumn, index] of KEYED) {
      await db.query(
        `ALTER TABLE cases.${table} ADD COLUMN IF NOT EXISTS idempotency_key text, ADD COLUMN IF NOT EXISTS request_digest text`,
      );
      await createIndexConcurrently(
        db,
        'cases',
        index,
        `cases.${table} (${byColumn}, idempotency_key) WHERE idempotency_key IS NOT NULL`,
        true,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, , index] of KEYED) {
      await db.query(`DROP INDEX CONCURRENTLY IF EXISTS cases.${index}`);
      await db.query(`ALTER TABLE cases.${table} DROP COLUMN IF EXISTS idempotency_key, DROP COLUMN IF EXISTS request_digest`);
    }
  }
}
