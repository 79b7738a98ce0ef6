import { auditTrailQuery, type AuditedRecords } from '@kinga/shared';
import type { DirectoryContext } from '../../directory.context';

/**
 * A service provider's trail, in its county (who read a shelter's whereabouts, who changed an entry); an
 * agency's covers the agency and its providers, and has no one county, so it is the DPO's to read.
 */
async function relatedRecords(ctx: DirectoryContext, recordId: string): Promise<AuditedRecords> {
  const rows: Array<{ id: string; county_code: string | null }> = await ctx.db.query(
    `SELECT id::text, county_code FROM directory.service_provider WHERE id = $1 OR agency_id = $1
     UNION ALL SELECT id::text, NULL FROM directory.agency WHERE id = $1`,
    [recordId],
  );
  const agency = rows.some((row) => row.county_code === null);
  return {
    counties: agency ? [] : [...new Set(rows.map((row) => row.county_code as string))],
    ids: [...new Set([recordId, ...rows.map((row) => row.id)])],
  };
}

export const directoryAuditTrail = auditTrailQuery<DirectoryContext>({
  name: 'directoryAuditTrail',
  description:
    "The audit trail of a directory record, newest first: a service provider's (who read a shelter's whereabouts or was refused them, who changed the entry), or an agency's with its providers'. DATA_PROTECTION_OFFICER for any record, DCS_SUPERVISOR for providers in their counties.",
  schema: 'directory',
  relatedRecords,
});
