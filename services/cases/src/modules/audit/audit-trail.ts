import { auditTrailQuery, type AuditedRecords } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/**
 * A case's trail covers everything recorded under it: the case, its child, caregivers, consents and notes,
 * whichever of those ids is asked for. One statement finds the cases the id belongs to, one their records.
 */
async function relatedRecords(ctx: CasesContext, recordId: string): Promise<AuditedRecords> {
  const cases: Array<{ id: string; county_code: string; child_id: string }> = await ctx.db.query(
    `SELECT c.id, c.county_code, c.child_id FROM cases."case" c
      WHERE c.id = $1 OR c.child_id = $1
         OR c.id IN (SELECT case_id FROM cases.consent WHERE id = $1)
         OR c.id IN (SELECT case_id FROM cases.case_note WHERE id = $1)
         OR c.child_id IN (SELECT child_id FROM cases.caregiver WHERE id = $1)`,
    [recordId],
  );
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
