import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isIntrospectionType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield, type IRules } from 'graphql-shield';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { forbidden } from '../errors/errors';
import { canonicaliseIdArguments } from './canonical-ids';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override"])`;

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  referenceResolvers?: Record<string, { __resolveReference: (reference: never, context: never, info: never) => unknown }>;
  /** graphql-shield rules: one for every field, or the field is denied. */
  permissions: IRules;
}

/**
 * type-graphql classes -> SDL with directives -> federation subgraph schema -> graphql-shield.
 * Deny by default: a field without a rule is FORBIDDEN. Errors resolvers throw on purpose pass through;
 * the server's error masker hides anything else.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const subgraphSchema = buildSubgraphSchema({ typeDefs, resolvers });
  const permissions = options.permissions as Record<string, IRules>;
  const queryRules = (permissions.Query ?? {}) as Record<string, unknown>;
  const rules = {
    ...permissions,
    // The gateway reads the SDL; entity fetches are held to the rules of the entity's own fields.
    Query: { ...queryRules, _service: allow, _entities: allow },
    _Service: allow,
  } as IRules;
  const shielded = applyMiddleware(
    subgraphSchema,
    // `debug: true` lets an error a rule throws (its database is down) through as what it is, to be logged and
    // masked as an internal error; otherwise graphql-shield reads it as "no": the owner of a record is told
    // FORBIDDEN during an outage, the trail records a refusal that never happened, and nobody sees the fault.
    // A rule's own refusals are errors it returns, not throws, and stay FORBIDDEN.
    shield(rules, { fallbackRule: deny, allowExternalErrors: true, fallbackError: () => forbidden(), debug: true }),
  );
  restoreResolversOfAllowedFields(shielded, subgraphSchema, rules as Record<string, unknown>);
  canonicaliseIdArguments(shielded);
  return shielded;
}

/** The rule graphql-shield applies to a field: the type's rule, else the field's, else the type's `*`, else deny. */
function effectiveRule(typeRules: unknown, fieldName: string): unknown {
  if (typeRules === undefined) return deny;
  if (isShieldRule(typeRules)) return typeRules;
  const fieldRules = typeRules as Record<string, unknown>;
  return fieldRules[fieldName] ?? fieldRules['*'] ?? deny;
}

function isShieldRule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { resolve?: unknown }).resolve === 'function';
}

/**
 * graphql-shield wraps every field in an async middleware, `allow` ones too: a 15,000-cell statistics answer
 * spent most of its time awaiting 110,000 rules that could only say yes. A field whose rule is `allow` gets
 * its own resolver back, so public fields resolve synchronously; every other field keeps its rule.
 */
function restoreResolversOfAllowedFields(shielded: GraphQLSchema, original: GraphQLSchema, rules: Record<string, unknown>): void {
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const originalType = original.getType(type.name);
    if (!isObjectType(originalType)) continue;
    const originalFields = originalType.getFields();
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      if (effectiveRule(rules[type.name], fieldName) === allow) field.resolve = originalFields[fieldName]?.resolve;
    }
  }
}
