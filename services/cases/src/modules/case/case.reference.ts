import type { CasesContext } from '../../cases.context';
import { partiesFromRepresentation } from './case-scope';
import { toCaseView } from './case.service';
import type { CaseView } from './case.type';

/**
 * `_entities` for Case: batched through the case loader (one statement however many cases the gateway
 * asks for), with the referral parties the gateway fetched from the referrals subgraph merged in, so the
 * field rules decide with them. It is a way in, not around: the same field rules apply as on root queries.
 */
export const caseReference = {
  async __resolveReference(reference: { id: string; referralParties?: unknown }, ctx: CasesContext): Promise<CaseView | null> {
    const entity = await ctx.loaders.caseById.load(reference.id);
    return entity ? toCaseView(entity, partiesFromRepresentation(reference.referralParties)) : null;
  },
};
