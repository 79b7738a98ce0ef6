import { auditTrailQuery, type AuditedRecords } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/**
 * The cases an id belongs to, whichever record it names: one indexed lookup per kind, united. Written as one
 * condition with ORs of subqueries, PostgreSQL read every case of the country to answer it.
 */
export const CASES_OF_A_RECORD = `
  SELECT c.id, c.county_code, c.child_id FROM cases."case" c WHERE c.id = $1
  UNION SELECT c.id, c.county_code, c.child_id FROM cases."case" c WHERE c.child_id = $1
  UNION SELECT c.id, c.county_code, c.child_id FROM cases.consent k JOIN cases."case" c ON c.id = k.case_id WHERE k.id = $1
  UNION SELECT c.id, c.county_code, c.child_id FROM cases.case_note n JOIN cases."case" c ON c.id = n.case_id WHERE n.id = $1
  UNION SELECT c.id, c.county_code, c.child_id FROM cases.caregiver g JOIN cases."case" c ON c.child_id = g.child_id WHERE g.id = $1`;

/**
 * A case's trail covers everything recorded under it: the case, its child, caregivers, consents and notes,
 * whichever of those ids is asked for. One statement finds the cases the id belongs to, one their records.
 */
async function relatedRecords(ctx: CasesContext, recordId: string): Promise<AuditedRecords> {
  const cases: Array<{ id: string; county_code: string; child_id: string }> = await ctx.db.query(CASES_OF_A_RECORD, [recordId]);
  if (cases.length === 0) return { counties: [], ids: [recordId] };
  const caseIds = cases.map((c) => c.id);
  const childIds = [...new Set(cases.map((c) => c.child_id))];
  const others: Array<{ id: string }> = await ctx.db.query(
    `SELECT id::text FROM cases.consent WHERE case_id = ANY($1::uuid[])
     UNION ALL SELECT id::text FROM cases.case_note WHERE case_id = ANY($1::uuid[])
     UNION ALL SELECT id::text FROM cases.caregiver WHERE child_id = ANY($2::uuid[])`,
    [caseIds, childIds],
  );
  return {
    counties: [...new Set(cases.map((c) => c.county_code))],
    ids: [...new Set([recordId, ...caseIds, ...childIds, ...others.map((o) => o.id)])],
  };
}

export const caseAuditTrail = auditTrailQuery<CasesContext>({
  name: 'auditTrail',
  description:
    "The audit trail of a case record (case, child, caregiver, consent or note id), newest first: DATA_PROTECTION_OFFICER for any record, DCS_SUPERVISOR for cases in their counties. A case's referrals have their own trail: referralAuditTrail.",
  schema: 'cases',
  relatedRecords,
});
