import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoAgencyId, Role, type CallerClaims } from '@kinga/shared';
import {
  getNamedType,
  isInputObjectType,
  isLeafType,
  isObjectType,
  isNonNullType,
  Kind,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { HOSTILE_STRINGS } from './injection';

/**
 * Cases derived from the schemas as they are, so that a subgraph added later is covered without anyone
 * writing its rows by hand: hostile strings in every text argument of every query of the cases, referrals
 * and programmes subgraphs, sent as each role that may ask it, and `_entities` calls by callers with no
 * relationship to the records. Their expectation is a rule rather than one code: the status is 200, the only
 * error codes are those a caller can act on, never INTERNAL_SERVER_ERROR, nothing leaks, the answer matches
 * nothing and comes at once; and each query is answered by its resolver for at least one role, not refused
 * for all before a string reached it.
 */

export const ROOT = join(__dirname, '..', '..', '..', '..');
export const OTHER_SUBGRAPHS = (['cases', 'referrals', 'programmes'] as const).filter(
  (name) => existsSync(join(ROOT, 'services', name, 'schema.graphql')) && existsSync(join(ROOT, 'services', name, 'src', 'index.ts')),
);

export interface DerivedCase {
  category: string;
  name: string;
  query: string;
  variables: Record<string, unknown>;
  caller: CallerClaims | null;
  /** Sent to this subgraph directly (with the gateway secret) instead of through the gateway. */
  subgraph?: string;
  /**
   * The query field a hostile string was sent to: its answer must match nothing (null, an empty list, a
   * connection of none), as a string no record holds does; a tautology that worked would match every row.
   */
  field?: string;
  /** The answer must come within this many milliseconds: an injected `pg_sleep` must not run. */
  withinMs?: number;
}

/** Error codes a caller may get back from a hostile but well-formed request. */
export const ACCEPTABLE_CODES = ['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'];

const isText = (arg: { type: GraphQLArgument['type'] }) => ['String', 'ID'].includes(getNamedType(arg.type).name);

/** Enough of the answer to tell whether it matched anything: a connection's count, a record's type, a list's length. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  const counted = isObjectType(type) && 'totalCount' in type.getFields();
  return `{ __typename${counted ? ' totalCount' : ''} }`;
}

/** What a query answers when nothing matched: null, an empty list, or a connection of none. */
export function matchesNothing(answer: unknown): boolean {
  if (answer === null || answer === undefined) return true;
  if (Array.isArray(answer)) return answer.length === 0;
  return typeof answer === 'object' && (answer as { totalCount?: unknown }).totalCount === 0;
}

const SLEEP_BOUND_MS = 5_000;

/** Hostile strings in each text argument (and each text field of an input argument) of every query field. */
export function injectionCases(schema: GraphQLSchema, caller: CallerClaims, owned: Set<string>): DerivedCase[] {
  const cases: DerivedCase[] = [];
  const queryType = schema.getQueryType();
  if (!queryType) return cases;
  for (const field of Object.values(queryType.getFields())) {
    if (!owned.has(field.name)) continue;
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const slots: Array<{
      path: string;
      build: (text: string) => { declarations: string; args: string; variables: Record<string, unknown> };
    }> = [];
    for (const arg of field.args) {
      const otherRequired = required.filter((r) => r !== arg);
      if (otherRequired.some((r) => !isText(r))) continue;
      const filler = Object.fromEntries(otherRequired.map((r) => [r.name, randomUUID()]));
      const declare = (a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`;
      const base = [...otherRequired];
      if (isText(arg)) {
        slots.push({
          path: arg.name,
          build: (text) => ({
            declarations: [...base, arg].map(declare).join(', '),
            args: [...base, arg].map((a) => `${a.name}: $${a.name}`).join(', '),
            variables: { ...filler, [arg.name]: text },
          }),
        });
      }
      const named = getNamedType(arg.type);
      if (isInputObjectType(named)) {
        const inputFields = Object.values(named.getFields());
        if (inputFields.some((f) => isNonNullType(f.type) && !isText(f))) continue;
        for (const inputField of inputFields.filter((f) => isText(f) && !isNonNullType(f.type) && getNamedType(f.type) === f.type)) {
          slots.push({
            path: `${arg.name}.${inputField.name}`,
            build: (text) => ({
              declarations: [...base, arg].map(declare).join(', '),
              args: [...base, arg].map((a) => `${a.name}: $${a.name}`).join(', '),
              variables: { ...filler, [arg.name]: { [inputField.name]: text } },
            }),
          });
        }
      }
    }
    for (const slot of slots) {
      for (const [kind, text] of HOSTILE_STRINGS) {
        const { declarations, args, variables } = slot.build(text);
        cases.push({
          category: 'injection (derived)',
          name: `${kind} in ${field.name}(${slot.path}) as ${caller.role}`,
          query: `query(${declarations}) { ${field.name}(${args}) ${selectionFor(field)} }`,
          variables,
          caller,
          field: field.name,
          ...(text.includes('pg_sleep') ? { withinMs: SLEEP_BOUND_MS } : {}),
        });
      }
    }
  }
  return cases;
}

/** The query fields a subgraph's own schema file defines (the others are another subgraph's to test). */
export function ownedQueryFields(name: string): Set<string> {
  const document = parse(readFileSync(join(ROOT, 'services', name, 'schema.graphql'), 'utf8'));
  const fields = new Set<string>();
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === 'Query'
    ) {
      for (const field of definition.fields ?? []) fields.add(field.name.value);
    }
  }
  return fields;
}

/** Leaf fields of an entity type as its owner's schema file defines them, without arguments. */
export function leafFieldsOf(subgraph: string, typeName: string): string[] {
  const document = parse(readFileSync(join(ROOT, 'services', subgraph, 'schema.graphql'), 'utf8'));
  const objectTypes = new Set(
    document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => d.name.value),
  );
  const definition = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName,
  );
  if (!definition) return [];
  const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
  return (definition.fields ?? [])
    .filter(
      (f) =>
        !objectTypes.has(named(f.type)) &&
        !(f.arguments ?? []).length &&
        !(f.directives ?? []).some((d) => d.name.value === 'external' || d.name.value === 'inaccessible'),
    )
    .map((f) => f.name.value);
}

/** Callers with no relationship to the demo data of county 047. */
export const STRANGERS: Array<[string, CallerClaims | null]> = [
  ['anonymous', null],
  ['an analyst', { sub: 'sec-analyst', name: 'Analyst', role: Role.ANALYST }],
  [
    'an NGO caseworker of an unrelated provider',
    { sub: 'sec-ngo', name: 'NGO', role: Role.NGO_CASEWORKER, agencyId: demoAgencyId('HAK'), providerId: randomUUID(), counties: ['047'] },
  ],
  [
    'a police officer of another county',
    { sub: 'sec-cpu', name: 'CPU', role: Role.POLICE_CPU, agencyId: demoAgencyId('NPS'), providerId: randomUUID(), counties: ['030'] },
  ],
  [
    'a children officer of another county',
    { sub: 'sec-dcs', name: 'DCS', role: Role.DCS_OFFICER, agencyId: demoAgencyId('DCS'), providerId: randomUUID(), counties: ['030'] },
  ],
  ['a partner system of an unrelated agency', { sub: 'sec-partner', name: 'Partner', role: Role.PARTNER_SYSTEM, agencyId: randomUUID() }],
];

export function entityCases(subgraph: string, typeName: string, ids: string[]): DerivedCase[] {
  const fields = leafFieldsOf(subgraph, typeName);
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${fields.join(' ')} } } }`;
  return STRANGERS.flatMap(([who, caller]) =>
    ids.map((id, i) => ({
      category: '_entities (no relationship)',
      name: `${who} asks ${subgraph} for ${typeName} #${i + 1} through _entities`,
      query,
      variables: { r: [{ __typename: typeName, id }] },
      caller,
      subgraph,
    })),
  );
}
