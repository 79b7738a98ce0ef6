import { checkThroughGateway, conflict, REFERRAL_OPEN_STATUSES } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/**
 * A referral that keeps a party in the case (DESIGN.md rule 2: until the referral is closed or cancelled): still
 * being worked on, completed and not yet closed (its recipient), or declined and not yet closed (its sender, who
 * reads why), so that closing the case leaves no one reading it (`REFERRAL_OPEN_STATUSES`). The case's owner
 * closes a completed or declined one itself (`closeReferral`), except one sent to its own agency and declined
 * there: its sender closes that.
 */
const QUERY = `query CaseOpenReferrals($caseId: ID!) {
  case(id: $caseId) { referrals(status: [${REFERRAL_OPEN_STATUSES.join(', ')}], first: 5) { totalCount edges { node { reference status } } } }
}`;

interface Answer {
  case: { referrals: { totalCount: number; edges: Array<{ node: { reference: string; status: string } }> } | null } | null;
}

/**
 * A case is closed once the work on it is: with a referral still open, the centre would go on treating a
 * child whose case takes no new consent, and would lose the child's data mid-treatment when the consent it
 * works under expires. The referrals are asked through the gateway with the supervisor's own token (they
 * see every referral of a case in their counties); a case they may not see is left to the write's own checks.
 * Checked before the close, not in one transaction with createReferral's check of the case: a referral sent in
 * the same instant can still be saved (README says so), and is then cancelled by its sender or the owner.
 */
export async function refuseWhileReferralsOpen(ctx: CasesContext, caseId: string): Promise<void> {
  const answer = await checkThroughGateway<Answer>(ctx, {
    query: QUERY,
    variables: { caseId },
    checking: "the case's open referrals",
    onFieldError: (error) => ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'BAD_USER_INPUT'].includes(String(error.extensions?.code)),
    onData: (data) => data,
  });
  const open = answer.case?.referrals;
  if (!open || open.totalCount === 0) return;
  const listed = open.edges.map((e) => `${e.node.reference} (${e.node.status})`).join(', ');
  throw conflict(
    `This case has ${open.totalCount} open referral${open.totalCount === 1 ? '' : 's'}: ${listed}${open.totalCount > open.edges.length ? ', …' : ''}. Before closing the case, close what is COMPLETED or DECLINED, and cancel the rest or have the recipient complete it: until then its parties are parties to the case.`,
  );
}
