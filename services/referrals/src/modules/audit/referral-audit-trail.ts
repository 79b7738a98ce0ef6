import { auditTrailQuery, type AuditedRecords } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';

/**
 * A referral's trail covers the referral and its service records, whichever of those ids is asked for; a
 * case id covers every referral of the case. One statement finds the referrals, one their service records.
 */
async function relatedRecords(ctx: ReferralsContext, recordId: string): Promise<AuditedRecords> {
  const referrals: Array<{ id: string; case_county: string }> = await ctx.db.query(
    `SELECT r.id, r.case_county FROM referrals.referral r
      WHERE r.id = $1 OR r.case_id = $1
         OR r.id IN (SELECT referral_id FROM referrals.service_record WHERE id = $1)`,
    [recordId],
  );
  if (referrals.length === 0) return { counties: [], ids: [recordId] };
  const referralIds = referrals.map((r) => r.id);
  const serviceRecords: Array<{ id: string }> = await ctx.db.query(
    `SELECT id::text FROM referrals.service_record WHERE referral_id = ANY($1::uuid[])`,
    [referralIds],
  );
  return {
    counties: [...new Set(referrals.map((r) => r.case_county))],
    ids: [...new Set([recordId, ...referralIds, ...serviceRecords.map((s) => s.id)])],
  };
}

export const referralAuditTrail = auditTrailQuery<ReferralsContext>({
  name: 'referralAuditTrail',
  description:
    'The audit trail of a referral record (referral or service record id), or of every referral of a case (case id), newest first: DATA_PROTECTION_OFFICER for any record, DCS_SUPERVISOR for cases in their counties. The case itself has its own trail: auditTrail.',
  schema: 'referrals',
  relatedRecords,
});
