import {
  Connection,
  decodeCursor,
  findAuditEvents,
  forbidden,
  hasRole,
  isPublic,
  notFound,
  PageArgs,
  pageSize,
  Role,
  toConnection,
  validateInput,
  worksInCounty,
  type AuditEventRecord,
  type Caller,
  type ConnectionShape,
} from '@kinga/shared';
import { Arg, Args, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import type { CasesContext } from '../../cases.context';

@ObjectType('AuditEvent', { description: 'One row of the append-only audit trail: who read, wrote or was refused what, when.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'Token subject of the caller.' })
  actor: string | null;

  @Field(() => String, { nullable: true })
  role: string | null;

  @Field(() => ID, { nullable: true })
  agencyId: string | null;

  @Field({ description: 'READ, WRITE or DENY.' })
  action: string;

  @Field()
  recordType: string;

  @Field(() => [ID])
  recordIds: string[];

  @Field(() => [String])
  fieldNames: string[];

  @Field(() => String, { nullable: true })
  operationName: string | null;

  @Field()
  requestId: string;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}

export const AUDIT_TRAIL_ROLES = [Role.DCS_SUPERVISOR, Role.DATA_PROTECTION_OFFICER] as const;
export const auditQueryRules = { auditTrail: hasRole(...AUDIT_TRAIL_ROLES) };
export const auditTypeRules = { AuditEvent: isPublic, AuditEventConnection: isPublic, AuditEventEdge: isPublic };

/**
 * A case's trail covers everything recorded under it: the case, its child, caregivers, consents and notes,
 * whichever of those ids is asked for. One statement finds the cases the id belongs to, one their records.
 */
async function relatedRecords(ctx: CasesContext, recordId: string): Promise<{ counties: string[]; ids: string[] }> {
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

export async function auditTrail(ctx: CasesContext, recordId: string, page: PageArgs): Promise<ConnectionShape<AuditEventRecord>> {
  const caller = ctx.caller as Caller;
  validateInput(z.string().uuid('is not a record id'), recordId, 'recordId');
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after, 1);
  const { counties, ids } = await relatedRecords(ctx, recordId);
  if (caller.role === Role.DCS_SUPERVISOR) {
    if (counties.length === 0) throw notFound('No case record has this id');
    if (!counties.every((county) => worksInCounty(caller, county))) throw forbidden('This case is in a county you do not supervise');
  }
  // Who looked at the trail is itself on the trail.
  ctx.audit.read('AuditTrail', recordId, 'auditTrail');
  const [{ total }]: Array<{ total: number }> = await ctx.db.query(
    `SELECT count(*)::int AS total FROM cases.audit_event WHERE record_ids && $1::text[]`,
    [ids],
  );
  const rows = await findAuditEvents(ctx.db, 'cases', ids, limit + 1, after ? String(after[0]) : undefined);
  return toConnection(rows, limit, total, (row) => [row.id]);
}

@Resolver()
export class AuditTrailResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail of a case record (case, child, caregiver, consent or note id), newest first: DATA_PROTECTION_OFFICER for any record, DCS_SUPERVISOR for cases in their counties.',
  })
  async auditTrail(
    @Arg('recordId', () => ID) recordId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<AuditEventRecord>> {
    return auditTrail(ctx, recordId, page);
  }
}
