import type { GraphQLResolveInfo } from 'graphql';
import { allow, chain, rule, type IRules } from 'graphql-shield';

/** A single rule (graphql-shield exports only the union of rules and rule maps). */
export type ShieldRule = Exclude<IRules, Record<string, unknown>>;
type IRule = ShieldRule;
import { forbidden, unauthenticated } from '../errors/errors';
import type { Caller } from '../auth/caller';
import { DATA_PROTECTION_ROLES } from '../domain/subject-access';
import { Role } from '../auth/roles';
import type { SubgraphContext } from '../server/subgraph-context';
import { recordIdsInArguments } from '../audit/audit-recorder';
import { decideFieldAccess, type AccessDecision, type RecordFacts } from './access';

type AccessDenialReason = Extract<AccessDecision, { allowed: false }>['reason'];
import { AUDITED_TIERS, Tier } from './tiers';

/** Anyone, with or without a token. */
export const isPublic: IRule = allow;

export const isAuthenticated: IRule = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
  ctx.caller ? true : unauthenticated('Sign in to use this'),
);

const roleRules = new Map<string, IRule>();

/** The refusal of a field to a caller without one of `roles`: FORBIDDEN, or UNAUTHENTICATED without a token. */
function roleRefusal(roles: readonly Role[], ctx: SubgraphContext, info: GraphQLResolveInfo): Error {
  return ctx.caller ? forbidden(`This needs one of the roles ${roles.join(', ')}`, info) : unauthenticated('Sign in to use this', info);
}

/** graphql-shield wants one rule object per name, so rules for the same roles are shared. */
export function hasRole(...roles: Role[]): IRule {
  const name = `hasRole(${[...roles].sort().join(',')})`;
  let roleRule = roleRules.get(name);
  if (!roleRule) {
    // Not cached per request: the rule records each refused field, and a cached refusal would reach the next
    // field already marked recorded, so only the first would be audited.
    roleRule = rule(name, { cache: 'no_cache' })((_parent, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      if (ctx.caller && roles.includes(ctx.caller.role)) return true;
      return ctx.audit.refuse(info.parentType.name, recordIdsInArguments(args), info.fieldName, roleRefusal(roles, ctx, info));
    });
    roleRules.set(name, roleRule);
  }
  return roleRule;
}

/**
 * `hasRole` for free text on a record only those roles reach (the DPO's note on a request, which may name the
 * people it was about): allowed to them, and each read recorded on the record's own trail, as every sensitive
 * read is, and under `alsoUnder`'s id too (the case a request is about: the note is that child's data, and the
 * case's trail shows the note's writes already). `hasRole` alone records refusals only.
 */
export function hasRoleRecordingRead<Parent extends { id?: unknown }>(
  roles: readonly Role[],
  alsoUnder?: (parent: Parent) => unknown,
): IRule {
  // In turn: `and` runs both at once, and a refused caller was recorded as having read the field as well.
  return chain(
    hasRole(...roles),
    rule({ cache: 'no_cache' })((parent: Parent | null, _args, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      if (!parent) return true;
      for (const id of [parent.id, alsoUnder?.(parent)])
        if (typeof id === 'string') ctx.audit.read(info.parentType.name, id, info.fieldName);
      return true;
    }),
  );
}

/**
 * An agency spans counties (deactivating one closes its every desk in the country; its type decides what
 * consents by type give it in every county), so a directory administrator whose token names counties, who keeps
 * the entries of those counties, does not change agencies. Refusals are recorded on the agency's trail.
 */
const nationalCaller = rule('nationalCaller', { cache: 'no_cache' })((
  _parent,
  args: unknown,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  if (ctx.caller && ctx.caller.counties.length === 0) return true;
  const refusal = forbidden('An agency spans counties: a national directory administrator (a token without counties) changes it', info);
  return ctx.audit.refuse('Agency', recordIdsInArguments(args, ['id', 'agencyId']), info.fieldName, refusal);
});

/** Who changes an agency, in the directory and wherever a copy of its facts is kept up to date. */
// In turn: a caller without the role is refused (and audited) once, by the role rule.
export const nationalDirectoryAdministrator: IRule = chain(hasRole(Role.DIRECTORY_ADMIN), nationalCaller);

/** Where a field's arguments name a record by something other than its id (a case number). */
export interface RecordNamedByArguments<Context extends SubgraphContext> {
  /** Record type as written in the audit trail, e.g. `Case`. */
  recordType: string;
  /** The id of the record the arguments name, or null when none has it (or they are malformed). */
  findRecordId(args: Record<string, unknown>, ctx: Context): Promise<string | null>;
}

/**
 * `hasRole` for a root field that names its record by something other than an id: a caller refused by role
 * is recorded on that record's own trail, found from the arguments, as a caller with the role but no
 * relationship is. An anonymous caller is refused without looking.
 */
export function hasRoleForRecord<Context extends SubgraphContext>(roles: readonly Role[], record: RecordNamedByArguments<Context>): IRule {
  return rule(`hasRoleForRecord(${record.recordType},${[...roles].sort().join(',')})`, { cache: 'no_cache' })(
    async (_parent, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => {
      if (ctx.caller && roles.includes(ctx.caller.role)) return true;
      const recordId = ctx.caller ? await record.findRecordId(args, ctx) : null;
      return ctx.audit.refuse(record.recordType, recordId, info.fieldName, roleRefusal(roles, ctx, info));
    },
  );
}

let tierRuleCount = 0;

/** How a field is classified: its tier, or its tier with whatever else a record's own decision reads. */
export type FieldClassification = Tier | { readonly tier: Tier };

const tierOf = (cls: FieldClassification): Tier => (typeof cls === 'string' ? cls : cls.tier);

/** Equal classes share one rule, so the key covers every property of a class, in a fixed order. */
const classKey = (cls: FieldClassification): string => (typeof cls === 'string' ? cls : JSON.stringify(cls, Object.keys(cls).sort()));

interface RecordIdentity<Parent> {
  /** Record type as written in the audit trail, e.g. `Case`. */
  recordType: string;
  recordId(parent: Parent): string;
}

/**
 * A record's own decision: allowed or not, or that with the tier the value was read at, where the record
 * raises a field's tier for itself (a service record of a clinical service): the read is audited at that tier.
 */
export type RecordDecision = boolean | { readonly allowed: boolean; readonly readAt: Tier };

/**
 * A record decided by `decideFieldAccess` over its facts, or, where the record needs more than that rule (a
 * referral's OPERATIONAL fields follow the referral, its free text the case), by its own `decide`; either way
 * audited and refused alike.
 */
export type TieredRecord<Parent, Class extends FieldClassification = Tier> = RecordIdentity<Parent> &
  (
    | {
        /** The facts about the record a decision needs; loaders keep this to a few statements per request. */
        facts(parent: Parent, ctx: SubgraphContext): RecordFacts | Promise<RecordFacts>;
        decide?: undefined;
      }
    | {
        decide(caller: Caller | null, cls: Class, parent: Parent, ctx: SubgraphContext): RecordDecision | Promise<RecordDecision>;
        facts?: undefined;
      }
  );

/**
 * What a refused caller can do about it, by `decideFieldAccess`'s reason. Each says only what the caller knows
 * already or the rules say to anyone: a party learns that a consent is missing, not what any consent says.
 */
const WHY_REFUSED: Partial<Record<AccessDenialReason, (tier: Tier, caller: Caller | null) => string>> = {
  ROLE_TIER: (tier, caller) =>
    caller && DATA_PROTECTION_ROLES.includes(caller.role)
      ? 'your role reads a case only through an open subject access request for it'
      : `your role never reads ${tier} data`,
  NO_RELATIONSHIP: () => 'you neither own this case nor are party to an open referral of it',
  NO_CONSENT: (tier) => `no live consent of the case covers your agency for ${tier} data; the office that owns the case records consents`,
};

/**
 * The rule for a field of class `cls` on a record: decided by `decideFieldAccess` (or the record's own
 * `decide`), audited when the tier is audited (reads of IDENTIFYING, CLINICAL and NARRATIVE values, and
 * every denial).
 */
export function tierRule<Parent, Class extends FieldClassification = Tier>(cls: Class, record: TieredRecord<Parent, Class>): IRule {
  const tier = tierOf(cls);
  if (tier === Tier.PUBLIC) return allow;
  tierRuleCount += 1;
  return rule(`tier:${record.recordType}:${tier}:${tierRuleCount}`, { cache: 'no_cache' })(
    async (parent: Parent, _args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      let why: string | undefined;
      let decision: RecordDecision;
      if (record.decide) decision = await record.decide(ctx.caller, cls, parent, ctx);
      else {
        const access = decideFieldAccess(ctx.caller, tier, await record.facts(parent, ctx), ctx.now);
        decision = access.allowed;
        if (!access.allowed) why = WHY_REFUSED[access.reason]?.(tier, ctx.caller);
      }
      const allowed = typeof decision === 'boolean' ? decision : decision.allowed;
      const readAt = typeof decision === 'boolean' ? tier : decision.readAt;
      const recordId = record.recordId(parent);
      if (!allowed) {
        // Past PUBLIC, decideFieldAccess refuses with NO_CALLER exactly when there is no caller.
        const refusal = ctx.caller
          ? forbidden(`You may not see ${info.fieldName} of this ${record.recordType.toLowerCase()}${why ? `: ${why}` : ''}`, info)
          : unauthenticated('Sign in to see this', info);
        return ctx.audit.refuse(record.recordType, recordId, info.fieldName, refusal);
      }
      if (AUDITED_TIERS.has(readAt)) ctx.audit.read(record.recordType, recordId, info.fieldName);
      return true;
    },
  );
}

/** Rules for every field of a type from its tier table, so the table is the single statement of policy. */
export function rulesFromTierTable<Parent, Class extends FieldClassification = Tier>(
  table: Readonly<Record<string, Class>>,
  record: TieredRecord<Parent, Class>,
): Record<string, IRule> {
  const byClass = new Map<string, IRule>();
  const rules: Record<string, IRule> = {};
  for (const [field, cls] of Object.entries(table)) {
    const key = classKey(cls);
    if (!byClass.has(key)) byClass.set(key, tierRule(cls, record));
    rules[field] = byClass.get(key) as IRule;
  }
  return rules;
}
