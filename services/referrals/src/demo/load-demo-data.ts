import type { Logger } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { buildDemoReferrals } from './demo-referrals';

const REFERRAL_COLUMNS: Array<[column: string, key: string]> = [
  ['id', 'id'],
  ['reference', 'reference'],
  ['case_id', 'caseId'],
  ['case_owner_agency_id', 'caseOwnerAgencyId'],
  ['case_county', 'caseCounty'],
  ['from_provider_id', 'fromProviderId'],
  ['from_agency_id', 'fromAgencyId'],
  ['from_agency_type', 'fromAgencyType'],
  ['to_provider_id', 'toProviderId'],
  ['to_agency_id', 'toAgencyId'],
  ['to_agency_type', 'toAgencyType'],
  ['service_requested', 'serviceRequested'],
  ['urgency', 'urgency'],
  ['status', 'status'],
  ['reason', 'reason'],
  ['consent_reference', 'consentReference'],
  ['decline_reason', 'declineReason'],
  ['cancel_reason', 'cancelReason'],
  ['version', 'version'],
  ['created_by', 'createdBy'],
  ['idempotency_key', 'idempotencyKey'],
  ['created_at', 'createdAt'],
  ['acknowledged_at', 'acknowledgedAt'],
  ['accepted_at', 'acceptedAt'],
  ['declined_at', 'declinedAt'],
  ['started_at', 'startedAt'],
  ['completed_at', 'completedAt'],
  ['closed_at', 'closedAt'],
  ['cancelled_at', 'cancelledAt'],
  ['acknowledge_by', 'acknowledgeBy'],
  ['start_by', 'startBy'],
];

/** Inserts `rows` as one multi-row statement. */
async function insertRows(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  await db.query(`INSERT INTO referrals.${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

function lastChange(createdAt: Date, events: ReadonlyArray<{ occurredAt: Date }>): Date {
  return new Date(Math.max(createdAt.getTime(), ...events.map((e) => e.occurredAt.getTime())));
}

/** Loads the demo referrals into an empty referrals schema, in one transaction. */
export async function loadReferralsDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const [{ count }]: Array<{ count: string }> = await dataSource.query(`SELECT count(*) AS count FROM referrals.referral`);
  if (Number(count) > 0) return;
  const referrals = buildDemoReferrals(new Date());
  await dataSource.transaction(async (manager) => {
    await insertRows(
      manager,
      'referral',
      [...REFERRAL_COLUMNS.map(([column]) => column), 'updated_at', 'is_demo'],
      // Changed when its last step was taken, as a live referral is: a partner syncing by changedSince against
      // the demo data must see a closed referral as changed when it was closed, not when it was sent.
      referrals.map(({ row, events }) => [...REFERRAL_COLUMNS.map(([, key]) => row[key] ?? null), lastChange(row.createdAt, events), true]),
    );
    const events = referrals.flatMap((r) => r.events);
    await insertRows(
      manager,
      'referral_event',
      [
        'referral_id',
        'sequence',
        'from_status',
        'to_status',
        'actor',
        'actor_name',
        'actor_role',
        'actor_provider_id',
        'actor_agency_id',
        'note',
        'occurred_at',
      ],
      events.map((e) => {
        const actor = e.actor as { sub: string; name: string; role: string };
        return [
          e.referralId,
          e.sequence,
          e.fromStatus,
          e.toStatus,
          actor.sub,
          actor.name,
          actor.role,
          e.actorProviderId,
          e.actorAgencyId,
          e.note,
          e.occurredAt,
        ];
      }),
    );
    const records = referrals.flatMap((r) => r.serviceRecords);
    const recordColumns: Array<[string, string]> = [
      ['id', 'id'],
      ['referral_id', 'referralId'],
      ['provider_id', 'providerId'],
      ['service', 'service'],
      ['delivered_on', 'deliveredOn'],
      ['outcome', 'outcome'],
      ['pep_given', 'pepGiven'],
      ['emergency_contraception_given', 'emergencyContraceptionGiven'],
      ['forensic_examination_done', 'forensicExaminationDone'],
      ['injuries', 'injuries'],
      ['recorded_by', 'recordedBy'],
      ['recorded_by_role', 'recordedByRole'],
      ['recorded_at', 'recordedAt'],
    ];
    await insertRows(
      manager,
      'service_record',
      recordColumns.map(([c]) => c),
      records.map((r) => recordColumns.map(([, key]) => r[key] ?? null)),
    );
    // New referrals continue each county's numbering after the demo ones.
    const last = new Map<string, number>();
    for (const { row } of referrals) {
      const [, county, year, sequence] = row.reference.split('-');
      const key = `${county}:${year}`;
      last.set(key, Math.max(last.get(key) ?? 0, Number(sequence)));
    }
    await insertRows(
      manager,
      'reference_counter',
      ['county_code', 'year', 'last_value'],
      [...last.entries()].map(([key, value]) => [...key.split(':'), value]),
    );
  });
  logger.info({ referrals: referrals.length }, 'referrals demo data loaded');
}
