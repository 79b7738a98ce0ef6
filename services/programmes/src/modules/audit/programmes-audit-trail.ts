import { auditTrailQuery, Role, type AuditedRecords } from '@kinga/shared';
import type { ProgrammesContext } from '../../programmes.context';

/**
 * A report line's trail covers every version of it (who drafted, submitted, returned or approved each, and who
 * was refused its figures); a target's or a lead-agency link's, the record itself. A report has a county, but
 * what a county's supervisor oversees is cases, not the programme: its trail is the data protection officer's.
 */
async function relatedRecords(ctx: ProgrammesContext, recordId: string): Promise<AuditedRecords> {
  const versions: Array<{ id: string }> = await ctx.db.query(
    `SELECT v.id::text FROM programmes.progress_report r JOIN programmes.progress_report v ON v.lineage_id = r.lineage_id WHERE r.id = $1`,
    [recordId],
  );
  return { counties: [], ids: [...new Set([recordId, ...versions.map((row) => row.id)])] };
}

export const programmeAuditTrail = auditTrailQuery<ProgrammesContext>({
  name: 'programmeAuditTrail',
  description:
    'The audit trail of a programme record, newest first: a progress report line with all its versions (who wrote, submitted, returned or approved each, who was refused its figures), a target or a lead-agency link. DATA_PROTECTION_OFFICER.',
  schema: 'programmes',
  relatedRecords,
  roles: [Role.DATA_PROTECTION_OFFICER],
});
