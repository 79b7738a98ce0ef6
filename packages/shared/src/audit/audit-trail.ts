import { Arg, Args, Ctx, Directive, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { worksInCounty, type Caller } from '../auth/caller';
import { Role } from '../auth/roles';
import { forbidden, notFound, unauthenticated } from '../errors/errors';
import { validateInput } from '../errors/validate-input';
import { Connection, decodeTypedCursor, PageArgs, pageSize, toConnection, type ConnectionShape } from '../graphql/connection';
import { hasRole, isPublic } from '../permissions/rules';
import type { SubgraphContext } from '../server/subgraph-context';
import { AUDIT_ACTIONS, type AuditAction } from './audit-recorder';
import { findAuditEvents, type AuditEventRecord } from './audit-store';

registerEnumType(AUDIT_ACTIONS, { name: 'AuditAction', description: 'What an audit row records: a read, a write, or a refusal.' });

/** Shareable: every subgraph with an audit trail returns the same type from its own table. */
@Directive('@shareable')
@ObjectType('AuditEvent', { description: 'One row of the append-only audit trail: who read, wrote or was refused what, when.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'Token subject of the caller.' })
  actor: string | null;

  @Field(() => Role, { nullable: true })
  role: Role | null;

  @Field(() => ID, { nullable: true })
  agencyId: string | null;

  @Field(() => AUDIT_ACTIONS)
  action: AuditAction;

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

@Directive('@shareable')
@ObjectType('AuditEventConnection')
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent', { shareable: true }) {}

/** DESIGN.md "Roles": the DPO reads every audit trail, a county's supervisor those of its records. */
export const AUDIT_TRAIL_ROLES = [Role.DCS_SUPERVISOR, Role.DATA_PROTECTION_OFFICER] as const;
const auditTrailRule = hasRole(...AUDIT_TRAIL_ROLES);
const auditTrailTypeRules = { AuditEvent: isPublic, AuditEventConnection: isPublic, AuditEventEdge: isPublic };

/** The records one trail covers, and the counties they lie in (what a supervisor's access depends on). */
export interface AuditedRecords {
  counties: string[];
  ids: string[];
}

interface AuditTrailRequest {
  db: DataSource;
  caller: Caller;
  /** The subgraph's schema, whose `audit_event` table is read. */
  schema: string;
  recordId: string;
  page: PageArgs;
  /** The records under `recordId` (itself included), found in the subgraph's own tables. */
  relatedRecords(recordId: string): Promise<AuditedRecords>;
  /** Records that the trail was read: who looked at a trail is itself on the trail. */
  recordRead(recordId: string): void;
}

/** A page of a subgraph's audit trail for a record and everything under it, newest first. */
async function auditTrailPage(request: AuditTrailRequest): Promise<ConnectionShape<AuditEventRecord>> {
  // `recordId` is an ID argument, so it arrives in lower case (canonicaliseIdArguments), as the trail stores it.
  const { db, caller, schema, recordId, page } = request;
  validateInput(z.string().uuid('is not a record id'), recordId, 'recordId');
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['int8']);
  const { counties, ids } = await request.relatedRecords(recordId);
  if (caller.role === Role.DCS_SUPERVISOR) {
    if (counties.length === 0)
      throw notFound(
        "No record in a county has this id: one without a county, such as an agency, is the data protection officer's to read",
      );
    if (!counties.every((county) => worksInCounty(caller, county))) throw forbidden('This record is in a county you do not supervise');
  }
  request.recordRead(recordId);
  const [{ total }]: Array<{ total: number }> = await db.query(
    `SELECT count(*)::int AS total FROM "${schema}"."audit_event" WHERE record_ids && $1::text[]`,
    [ids],
  );
  const found = await findAuditEvents(db, schema, ids, limit + 1, after ? String(after[0]) : undefined);
  // One row covers everything a request read of a record type, other counties' records included: a caller whose
  // reach is some counties sees only this trail's records in it. A national reader sees the whole row.
  const trail = new Set(ids);
  const rows =
    caller.counties.length === 0 ? found : found.map((row) => ({ ...row, recordIds: row.recordIds.filter((id) => trail.has(id)) }));
  return toConnection(rows, limit, total, (row) => [row.id]);
}

export interface AuditTrailQuery<Context extends SubgraphContext> {
  /** The root field, e.g. `auditTrail`; also the field name the reading of a trail is recorded under. */
  name: string;
  description: string;
  /** The subgraph's schema, whose `audit_event` table is read. */
  schema: string;
  relatedRecords(ctx: Context, recordId: string): Promise<AuditedRecords>;
  /**
   * Who may read it: by default the DPO, and a county's supervisor for records in their counties
   * (`AUDIT_TRAIL_ROLES`). A trail whose records no supervisor reads names the DPO alone, so that a supervisor
   * is refused (FORBIDDEN, audited) rather than told the record is not found.
   */
  roles?: readonly Role[];
}

/** A subgraph's audit-trail query: its resolver class and the shield rule for it. */
export function auditTrailQuery<Context extends SubgraphContext>(query: AuditTrailQuery<Context>) {
  @Resolver()
  class AuditTrailResolver {
    @Query(() => AuditEventConnection, { name: query.name, description: query.description })
    trail(
      @Arg('recordId', () => ID) recordId: string,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: Context,
    ): Promise<ConnectionShape<AuditEventRecord>> {
      // The shield rule lets only signed-in roles this far; the check narrows the type.
      if (!ctx.caller) throw unauthenticated('Sign in to read an audit trail');
      return auditTrailPage({
        db: ctx.db,
        caller: ctx.caller,
        schema: query.schema,
        recordId,
        page,
        relatedRecords: (id) => query.relatedRecords(ctx, id),
        recordRead: (id) => ctx.audit.read('AuditTrail', id, query.name),
      });
    }
  }
  const rule = query.roles ? hasRole(...query.roles) : auditTrailRule;
  return { resolver: AuditTrailResolver, queryRules: { [query.name]: rule }, typeRules: auditTrailTypeRules };
}
