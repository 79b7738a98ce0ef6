import {
  checkThroughGateway,
  type AgencyType,
  forbidden,
  notFound,
  REFERRAL_OPEN_STATUSES,
  unauthenticated,
  validateInput,
} from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { refreshReferralAgencyTypeSchema, type RefreshReferralAgencyTypeInput } from './agency-type.input';
import type { RefreshReferralAgencyTypePayload } from './agency-type.type';

const AGENCY = `query AgencyTypeToCarry($id: ID!) { agency(id: $id) { type } }`;

/** The directory owns the type: read as it is now, so a retry, or two changes in quick turn, end on the last. */
async function directoryType(ctx: ReferralsContext, agencyId: string): Promise<AgencyType> {
  const answer = await checkThroughGateway<{ agency: { type: AgencyType } | null }>(ctx, {
    query: AGENCY,
    variables: { id: agencyId },
    checking: "the agency's type in the directory",
    consequence: 'no referral was changed',
    onFieldError(error) {
      const code = error.extensions?.code;
      if (code === 'UNAUTHENTICATED') throw unauthenticated('Your sign-in ran out; sign in again. No referral was changed');
      if (code === 'FORBIDDEN') throw forbidden("The agency's type could not be read with your token. No referral was changed");
      if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') throw notFound('No agency has this id');
    },
    onData: (data) => data,
  });
  if (!answer.agency) throw notFound('No agency has this id');
  return answer.agency.type;
}

/**
 * The type is copied onto a referral when it is sent, so the rules that read it (a consent given to a type of
 * agency, a HEALTH recipient's notes read as CLINICAL) need no call to the directory on every read. A corrected
 * type must reach the referrals that still give their parties a part in the case (DESIGN.md rule 2); an ended
 * one gives none, and keeps the type it was sent under. One statement, so a referral between an agency's own
 * desks gets both sides. `updated_at` stays: no field a partner syncs has changed.
 */
export async function refreshReferralAgencyType(
  ctx: ReferralsContext,
  input: RefreshReferralAgencyTypeInput,
): Promise<RefreshReferralAgencyTypePayload> {
  const { agencyId } = validateInput(refreshReferralAgencyTypeSchema, input);
  const type = await directoryType(ctx, agencyId);
  return ctx.db.transaction(async (manager) => {
    // An UPDATE's result is [rows, count].
    const [rows] = (await manager.query(
      `UPDATE referrals.referral
          SET from_agency_type = CASE WHEN from_agency_id = $1 THEN $2 ELSE from_agency_type END,
              to_agency_type = CASE WHEN to_agency_id = $1 THEN $2 ELSE to_agency_type END
        WHERE ((from_agency_id = $1 AND from_agency_type IS DISTINCT FROM $2) OR (to_agency_id = $1 AND to_agency_type IS DISTINCT FROM $2))
          AND status = ANY($3::text[])
      RETURNING id`,
      [agencyId, type, REFERRAL_OPEN_STATUSES],
    )) as [Array<{ id: string }>, number];
    const updated = rows.map((row) => row.id);
    await ctx.auditWrites(manager, [
      { recordType: 'Agency', recordIds: agencyId, fieldNames: ['referrals.agencyType'] },
      ...(updated.length > 0 ? [{ recordType: 'Referral', recordIds: updated, fieldNames: ['parties.agencyType'] }] : []),
    ]);
    return { agencyId, type, referralsUpdated: updated.length };
  });
}
