import { auditTrailQuery, checkThroughGateway, Role, type AuditedRecords } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';

/**
 * The referrals an id belongs to (a referral, a case, a service record): one indexed lookup per kind, united.
 * Written as one condition with ORs of a subquery, PostgreSQL read every referral of the country to answer it.
 */
export const REFERRALS_OF_A_RECORD = `
  SELECT r.id, r.case_county FROM referrals.referral r WHERE r.id = $1
  UNION SELECT r.id, r.case_county FROM referrals.referral r WHERE r.case_id = $1
  UNION SELECT r.id, r.case_county FROM referrals.service_record s JOIN referrals.referral r ON r.id = s.referral_id WHERE s.id = $1`;

/**
 * A referral's trail covers the referral and its service records, whichever of those ids is asked for; a
 * case id covers every referral of the case. One statement finds the referrals, one their service records.
 */
async function relatedRecords(ctx: ReferralsContext, recordId: string): Promise<AuditedRecords> {
  const referrals: Array<{ id: string; case_county: string }> = await ctx.db.query(REFERRALS_OF_A_RECORD, [recordId]);
  if (referrals.length === 0) return { counties: await caseCounty(ctx, recordId), ids: [recordId] };
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

/**
 * A case with no referral may still have refusals on this trail (a referral of it refused): its county is the
 * cases subgraph's to say, asked as the caller, so a supervisor reads the trail of a case in their counties.
 * Only a supervisor's access turns on the county; any other reader, or a case they may not see, gets none.
 */
async function caseCounty(ctx: ReferralsContext, recordId: string): Promise<string[]> {
  if (ctx.caller?.role !== Role.DCS_SUPERVISOR) return [];
  const answer = await checkThroughGateway<{ case: { countyCode: string } | null }>(ctx, {
    query: `query AuditedCaseCounty($id: ID!) { case(id: $id) { countyCode } }`,
    variables: { id: recordId },
    checking: 'the county of the case',
    onFieldError: (error) => ['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT'].includes(String(error.extensions?.code)),
    onData: (data) => data,
  });
  return answer.case ? [answer.case.countyCode] : [];
}

export const referralAuditTrail = auditTrailQuery<ReferralsContext>({
  name: 'referralAuditTrail',
  description:
    'The audit trail of a referral record (referral or service record id), or of every referral of a case (case id), newest first: DATA_PROTECTION_OFFICER for any record, DCS_SUPERVISOR for cases in their counties. The case itself has its own trail: auditTrail.',
  schema: 'referrals',
  relatedRecords,
});
