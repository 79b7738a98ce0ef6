import { Role } from '@kinga/shared';
import { Client } from 'pg';
import { startSystem, type KingaSystem } from '../harness/start-system';
import { CHILD_INPUT, OFFICER, openFixtureCase, PARTY_POINT, referTo, STRANGER_PROVIDER } from './fixtures';

interface AuditRow {
  action: string;
  record_type: string;
  record_ids: string[];
  field_names: string[];
  actor: string;
  role: string;
  operation_name: string | null;
  request_id: string;
}

describe('the cases audit trail (append-only, one insert per request, fail closed)', () => {
  let system: KingaSystem;
  let db: Client;
  let caseId: string;

  const rowsOf = async (actor: string): Promise<AuditRow[]> =>
    (await db.query<AuditRow>(`SELECT * FROM cases.audit_event WHERE actor = $1 ORDER BY id`, [actor])).rows;

  beforeAll(async () => {
    // Demo data: the providers a referral of the case is sent to.
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    caseId = (await openFixtureCase(system)).id;
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  it('records a sensitive read as one READ row per record type, naming the fields, in one insert per request', async () => {
    const reader = { ...OFFICER, sub: 'audit-reader' };
    const { body } = await system.request(
      `query AuditedRead($id: ID!) { case(id: $id) { caseNumber incidentNarrative child { firstName caregivers { phone } } } }`,
      { id: caseId },
      system.token(reader),
    );
    expect(body.errors).toBeUndefined();
    const rows = await rowsOf('audit-reader');
    expect(rows.map((r) => [r.action, r.record_type]).sort()).toEqual([
      ['READ', 'Caregiver'],
      ['READ', 'Case'],
      ['READ', 'Child'],
    ]);
    expect(rows.find((r) => r.record_type === 'Case')).toMatchObject({
      record_ids: [caseId],
      field_names: ['incidentNarrative'],
      role: 'DCS_OFFICER',
    });
    expect(rows.find((r) => r.record_type === 'Child')?.field_names).toEqual(['caregivers', 'firstName']);
    expect(rows.find((r) => r.record_type === 'Caregiver')?.field_names).toEqual(['phone']);
    // OPERATIONAL values (caseNumber) are not audited; the sensitive ones all came in the same request.
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);
    // The gateway names its subgraph fetches after the client's operation (e.g. AuditedRead__cases__1).
    expect(rows.map((r) => r.operation_name)).toEqual(rows.map(() => expect.stringMatching(/^AuditedRead/)));
  });

  it('credits each record only with the fields read of it, when one request reads two cases differently', async () => {
    const other = (await openFixtureCase(system)).id;
    const reader = { ...OFFICER, sub: 'audit-two-cases' };
    const { body } = await system.request(
      `query TwoCases($a: ID!, $b: ID!) { a: case(id: $a) { child { firstName } } b: case(id: $b) { child { firstName school } } }`,
      { a: caseId, b: other },
      system.token(reader),
    );
    expect(body.errors).toBeUndefined();
    const children = (await rowsOf('audit-two-cases')).filter((r) => r.record_type === 'Child');
    expect(children.map((r) => r.field_names).sort()).toEqual([['firstName'], ['firstName', 'school']]);
    expect(new Set(children.map((r) => r.request_id)).size).toBe(1);
  });

  it('finds a trail, and records reading it, under an id typed in capitals; a cursor that is not the trail’s is BAD_USER_INPUT', async () => {
    const dpo = { sub: 'audit-capitals-dpo', name: 'DPO', role: Role.DATA_PROTECTION_OFFICER, agencyId: OFFICER.agencyId, counties: [] };
    const trail = `query($id: ID!, $after: String) { auditTrail(recordId: $id, after: $after) { totalCount } }`;
    const lower = await system.request<{ auditTrail: { totalCount: number } }>(trail, { id: caseId }, system.token(dpo));
    const upper = await system.request<{ auditTrail: { totalCount: number } }>(trail, { id: caseId.toUpperCase() }, system.token(dpo));
    expect(upper.body.errors).toBeUndefined();
    // The same trail, one row longer: the first reading of it.
    expect(upper.body.data?.auditTrail.totalCount).toBe((lower.body.data?.auditTrail.totalCount ?? 0) + 1);
    const readings = (await rowsOf('audit-capitals-dpo')).filter((r) => r.record_type === 'AuditTrail');
    expect(readings.flatMap((r) => r.record_ids)).toEqual([caseId, caseId]);
    const foreign = await system.request(trail, { id: caseId, after: Buffer.from('["x"]').toString('base64url') }, system.token(dpo));
    expect(foreign.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('records every denial as a DENY row', async () => {
    const police = {
      sub: 'audit-denied',
      name: 'Stranger police',
      role: Role.POLICE_CPU,
      agencyId: OFFICER.agencyId,
      providerId: STRANGER_PROVIDER,
      counties: ['001'],
    };
    const { body } = await system.request(
      `query Denied($id: ID!) { case(id: $id) { caseNumber clinicalNotes } }`,
      { id: caseId },
      system.token(police),
    );
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const rows = await rowsOf('audit-denied');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'DENY',
      record_type: 'Case',
      record_ids: [caseId],
      field_names: ['caseNumber', 'clinicalNotes'],
    });
  });

  it('records every write inside its transaction', async () => {
    const writer = { ...OFFICER, sub: 'audit-writer' };
    const { body } = await system.request<{ addCaseNote: { note: { id: string } } }>(
      `mutation Noted($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id } } }`,
      { input: { caseId, body: 'Audit note (invented)' } },
      system.token(writer),
    );
    expect(body.errors).toBeUndefined();
    const writes = (await rowsOf('audit-writer')).filter((r) => r.action === 'WRITE');
    // The case's row and the note's own, written by one insert of the request.
    expect(writes).toEqual([
      expect.objectContaining({ record_type: 'Case', record_ids: [caseId], field_names: ['notes'] }),
      expect.objectContaining({ record_type: 'CaseNote', record_ids: [body.data!.addCaseNote.note.id], field_names: ['body'] }),
    ]);
    expect(new Set(writes.map((row) => row.request_id)).size).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit_event at the database', async () => {
    await expect(db.query(`UPDATE cases.audit_event SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM cases.audit_event`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE cases.audit_event`)).rejects.toThrow(/append-only/);
    // Not even for a session that silences triggers, as bulk loads do.
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL session_replication_role = replica');
      await expect(db.query(`DELETE FROM cases.audit_event`)).rejects.toThrow(/append-only/);
    } finally {
      await db.query('ROLLBACK');
    }
    expect(Number((await db.query(`SELECT count(*) FROM cases.audit_event`)).rows[0].count)).toBeGreaterThan(0);
  });

  describe('when the audit row cannot be written', () => {
    beforeAll(async () => {
      // Only this test's caller is refused, so the rest of the suite keeps its trail.
      await db.query(`CREATE FUNCTION cases.refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.actor = 'audit-fails' OR (NEW.actor = 'audit-reads-fail' AND NEW.action = 'READ') THEN
            RAISE EXCEPTION 'audit store unavailable (test)';
          END IF;
          RETURN NEW;
        END $$`);
      await db.query(
        `CREATE TRIGGER refuse_test_audit BEFORE INSERT ON cases.audit_event FOR EACH ROW EXECUTE FUNCTION cases.refuse_test_audit()`,
      );
    });
    afterAll(async () => {
      await db.query(`DROP TRIGGER refuse_test_audit ON cases.audit_event`);
      await db.query(`DROP FUNCTION cases.refuse_test_audit()`);
    });

    it('withholds the sensitive data it could not record', async () => {
      const failing = { ...OFFICER, sub: 'audit-fails' };
      const response = await system.request(
        `query Withheld($id: ID!) { case(id: $id) { caseNumber child { firstName caregivers { phone } } } }`,
        { id: caseId },
        system.token(failing),
      );
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(CHILD_INPUT.firstName);
      expect(text).not.toContain(CHILD_INPUT.caregivers[0].phone);
      // A read changes nothing, so the client may simply send it again.
      expect(response.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', serviceName: 'cases' }]);
      expect(await rowsOf('audit-fails')).toEqual([]);
    });

    it('does not make a change it could not record', async () => {
      const failing = { ...OFFICER, sub: 'audit-fails' };
      const before = Number((await db.query(`SELECT count(*) FROM cases.case_note WHERE case_id = $1`, [caseId])).rows[0].count);
      const { body } = await system.request(
        `mutation Unrecorded($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id } } }`,
        { input: { caseId, body: 'This note must not be saved' } },
        system.token(failing),
      );
      // Nothing was saved, so the client is not told it was (no `outcome: SAVED`) and may send it again.
      expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', serviceName: 'cases' }]);
      const after = Number((await db.query(`SELECT count(*) FROM cases.case_note WHERE case_id = $1`, [caseId])).rows[0].count);
      expect(after).toBe(before);
    });

    it('says a change that was made and recorded is saved when only the reads of its answer could not be recorded', async () => {
      const readsFail = { ...OFFICER, sub: 'audit-reads-fail' };
      const notes = async () => Number((await db.query(`SELECT count(*) FROM cases.case_note WHERE case_id = $1`, [caseId])).rows[0].count);
      const before = await notes();
      const { body } = await system.request(
        `mutation Saved($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id } case { child { firstName } } } }`,
        { input: { caseId, body: 'Saved, answer withheld' } },
        system.token(readsFail),
      );
      expect(JSON.stringify(body)).not.toContain(CHILD_INPUT.firstName);
      // "Try again" would add the note twice: the client is told it was saved and to read the record.
      expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', outcome: 'SAVED', serviceName: 'cases' }]);
      expect(body.errors?.[0].message).toMatch(/^The change was saved.*do not send the change again/);
      expect(await notes()).toBe(before + 1);
      expect((await rowsOf('audit-reads-fail')).map((row) => [row.action, row.record_type])).toEqual([
        ['WRITE', 'Case'],
        ['WRITE', 'CaseNote'],
      ]);
    });

    it('says a change is saved when another subgraph could not audit its part of the answer', async () => {
      // The referrals subgraph refuses this actor's READ rows; the note is the cases subgraph's, and is recorded.
      await referTo(system, caseId, PARTY_POINT[Role.GBVRC_CLINICIAN]);
      await db.query(`CREATE FUNCTION referrals.refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.actor = 'referral-reads-fail' AND NEW.action = 'READ' THEN RAISE EXCEPTION 'audit store unavailable (test)'; END IF; RETURN NEW; END $$`);
      await db.query(
        `CREATE TRIGGER refuse_test_audit BEFORE INSERT ON referrals.audit_event FOR EACH ROW EXECUTE FUNCTION referrals.refuse_test_audit()`,
      );
      try {
        const notes = async () =>
          Number((await db.query(`SELECT count(*) FROM cases.case_note WHERE case_id = $1`, [caseId])).rows[0].count);
        const before = await notes();
        const { body } = await system.request<{ addCaseNote: { note: { id: string } } | null }>(
          `mutation SavedElsewhere($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id } case { referrals(first: 5) { edges { node { reason } } } } } }`,
          { input: { caseId, body: 'Saved; the referrals part withheld' } },
          system.token({ ...OFFICER, sub: 'referral-reads-fail' }),
        );
        expect(body.data?.addCaseNote?.note.id).toEqual(expect.any(String));
        expect(JSON.stringify(body)).not.toContain('Matrix referral');
        expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', serviceName: 'referrals', outcome: 'SAVED' }]);
        expect(body.errors?.[0].message).toMatch(/^The change was saved/);
        expect(await notes()).toBe(before + 1);
      } finally {
        await db.query(`DROP TRIGGER refuse_test_audit ON referrals.audit_event`);
        await db.query(`DROP FUNCTION referrals.refuse_test_audit()`);
      }
    });
  });
});
