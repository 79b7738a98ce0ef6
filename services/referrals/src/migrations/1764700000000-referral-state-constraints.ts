import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each status implies of a referral's timestamps and reasons, as the lifecycle writes them
 * (referral.transition.ts), held by the database too: a bug or a hand-made repair cannot store a CANCELLED
 * referral without its reason (DESIGN.md requires one), a COMPLETED one that never started, or a decline reason
 * with no decline. Adding them reads every referral once under the table's lock, at the release that brings
 * them: seconds at 2,000,000 referrals.
 */
const CONSTRAINTS: ReadonlyArray<[name: string, check: string]> = [
  ['referral_declined_has_reason', '(declined_at IS NULL) = (decline_reason IS NULL)'],
  ['referral_cancelled_has_reason', '(cancelled_at IS NULL) = (cancel_reason IS NULL)'],
  [
    'referral_status_stamped',
    `(status <> 'DECLINED' OR declined_at IS NOT NULL)
      AND (status <> 'CANCELLED' OR cancelled_at IS NOT NULL)
      AND (status <> 'COMPLETED' OR completed_at IS NOT NULL)
      AND (status <> 'CLOSED' OR closed_at IS NOT NULL)
      AND (status NOT IN ('ACKNOWLEDGED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED') OR acknowledged_at IS NOT NULL)
      AND (status NOT IN ('ACCEPTED', 'IN_PROGRESS', 'COMPLETED') OR accepted_at IS NOT NULL)
      AND (status NOT IN ('IN_PROGRESS', 'COMPLETED') OR started_at IS NOT NULL)`,
  ],
  ['referral_clocks_in_order', 'start_by >= acknowledge_by AND acknowledge_by > created_at'],
];

export class ReferralsStateConstraints1764700000000 implements MigrationInterface {
  name = 'ReferralsStateConstraints1764700000000';

  async up(db: QueryRunner): Promise<void> {
    // Checking 2,000,000 referrals takes seconds; the services' statement timeout is for requests. But the table
    // is not to be held behind a long transaction of the release still serving: past 5 s of waiting for its
    // lock the migration fails, and the next start tries again. One statement: the table is read once.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(
      `ALTER TABLE referrals.referral ${CONSTRAINTS.map(([name, check]) => `ADD CONSTRAINT ${name} CHECK (${check})`).join(', ')}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name] of [...CONSTRAINTS].reverse()) await db.query(`ALTER TABLE referrals.referral DROP CONSTRAINT IF EXISTS ${name}`);
  }
}
