import type { GraphQLResolveInfo } from 'graphql';
import { allow, rule, type IRules } from 'graphql-shield';

/** A single rule (graphql-shield exports only the union of rules and rule maps). */
export type ShieldRule = Exclude<IRules, Record<string, unknown>>;
type IRule = ShieldRule;
import { forbidden, unauthenticated } from '../errors/errors';
import type { Role } from '../auth/roles';
import type { SubgraphContext } from '../server/subgraph-context';
import { decideFieldAccess, type RecordFacts } from './access';
import { AUDITED_TIERS, Tier } from './tiers';

/** Anyone, with or without a token. */
export const isPublic: IRule = allow;

export const isAuthenticated: IRule = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
  ctx.caller ? true : unauthenticated('Sign in to use this'),
);

const roleRules = new Map<string, IRule>();

/** graphql-shield wants one rule object per name, so rules for the same roles are shared. */
export function hasRole(...roles: Role[]): IRule {
  const name = `hasRole(${[...roles].sort().join(',')})`;
  let roleRule = roleRules.get(name);
  if (!roleRule) {
    roleRule = rule(name, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => {
      if (!ctx.caller) return unauthenticated('Sign in to use this');
      return roles.includes(ctx.caller.role) ? true : forbidden(`This needs one of the roles ${roles.join(', ')}`);
    });
    roleRules.set(name, roleRule);
  }
  return roleRule;
}

let tierRuleCount = 0;

export interface TieredRecord<Parent> {
  /** Record type as written in the audit trail, e.g. `Case`. */
  recordType: string;
  recordId(parent: Parent): string;
  /** The facts about the record a decision needs; loaders keep this to a few statements per request. */
  facts(parent: Parent, ctx: SubgraphContext): RecordFacts | Promise<RecordFacts>;
}

/**
 * The rule for a field of `tier` on a record: decided by `decideFieldAccess`, audited when the tier is
 * audited (reads of IDENTIFYING, CLINICAL and NARRATIVE values, and every denial).
 */
export function tierRule<Parent>(tier: Tier, record: TieredRecord<Parent>): IRule {
  if (tier === Tier.PUBLIC) return allow;
  tierRuleCount += 1;
  return rule(`tier:${record.recordType}:${tier}:${tierRuleCount}`, { cache: 'no_cache' })(
    async (parent: Parent, _args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      const decision = decideFieldAccess(ctx.caller, tier, await record.facts(parent, ctx), ctx.now);
      const recordId = record.recordId(parent);
      if (!decision.allowed) {
        ctx.audit.deny(record.recordType, recordId, info.fieldName);
        return decision.reason === 'NO_CALLER'
          ? unauthenticated('Sign in to see this')
          : forbidden(`You may not see ${info.fieldName} of this ${record.recordType.toLowerCase()}`);
      }
      if (AUDITED_TIERS.has(tier)) ctx.audit.read(record.recordType, recordId, info.fieldName);
      return true;
    },
  );
}

/** Rules for every field of a type from its tier table, so the table is the single statement of policy. */
export function rulesFromTierTable<Parent>(table: Readonly<Record<string, Tier>>, record: TieredRecord<Parent>): Record<string, IRule> {
  const byTier = new Map<Tier, IRule>();
  const rules: Record<string, IRule> = {};
  for (const [field, tier] of Object.entries(table)) {
    if (!byTier.has(tier)) byTier.set(tier, tierRule(tier, record));
    rules[field] = byTier.get(tier) as IRule;
  }
  return rules;
}
