import { checkThroughGateway, conflict, forbidden, REFERRAL_OPEN_STATUSES, unauthenticated, type GatewayError } from '@kinga/shared';
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

const REFUSALS = ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'BAD_USER_INPUT'];

/**
 * The case itself refused or not there is left to the write's own checks. A refusal of its referrals is not
 * "none open": the close is refused too (a token that ran out between the services' checks read as no open
 * referral, and the case closed with one still being worked on).
 */
function refusedCaseOnly(error: GatewayError): boolean {
  const code = String(error.extensions?.code);
  if (!REFUSALS.includes(code)) return false;
  if (error.path?.length === 1 && error.path[0] === 'case') return true;
  if (code === 'UNAUTHENTICATED')
    throw unauthenticated("Your sign-in ran out while the case's referrals were checked; sign in again. Nothing was saved");
  throw forbidden("The case's referrals could not be checked with your token, so the case was not closed. Nothing was saved");
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
    onFieldError: refusedCaseOnly,
    onData: (data) => data,
  });
  const open = answer.case?.referrals;
  if (!open || open.totalCount === 0) return;
  const listed = open.edges.map((e) => `${e.node.reference} (${e.node.status})`).join(', ');
  throw conflict(
    `This case has ${open.totalCount} open referral${open.totalCount === 1 ? '' : 's'}: ${listed}${open.totalCount > open.edges.length ? ', …' : ''}. Before closing the case, close what is COMPLETED or DECLINED, and cancel the rest or have the recipient complete it: until then its parties are parties to the case.`,
  );
}
