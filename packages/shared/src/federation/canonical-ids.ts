import {
  defaultFieldResolver,
  isInputObjectType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { UUID_PATTERN } from '../audit/audit-recorder';

type Canonicalise = (value: unknown) => unknown;

/** A uuid in its canonical form, lower case, as PostgreSQL answers it; anything else as it came. */
export function canonicalId(value: unknown): unknown {
  return typeof value === 'string' && UUID_PATTERN.test(value) ? value.toLowerCase() : value;
}

/**
 * Every argument of type `ID`, at any depth of lists and input objects, reaches the rules and resolvers in
 * canonical form. A client may write a uuid in capitals (it is the same uuid), but rows come back in lower
 * case, so a loader keyed by the row's id, a retry compared with what was saved, or "from and to are the same
 * provider" would each miss it. Only fields with such arguments are wrapped; the rest keep their resolver.
 */
export function canonicaliseIdArguments(schema: GraphQLSchema): void {
  const idType = schema.getType('ID');
  const byInputType = new Map<GraphQLInputType, Canonicalise | null>();

  const canonicaliserFor = (type: GraphQLInputType): Canonicalise | null => {
    if (isNonNullType(type)) return canonicaliserFor(type.ofType);
    if (isListType(type)) {
      const item = canonicaliserFor(type.ofType);
      return item && ((value) => (Array.isArray(value) ? value.map(item) : item(value)));
    }
    if (type === idType) return canonicalId;
    if (!isInputObjectType(type)) return null;
    if (byInputType.has(type)) return byInputType.get(type) ?? null;
    const fields: Array<[string, Canonicalise]> = [];
    const canonicalise: Canonicalise = (value) => {
      if (value === null || typeof value !== 'object') return value;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [name, fieldCanonicalise] of fields) if (name in copy) copy[name] = fieldCanonicalise(copy[name]);
      return copy;
    };
    // Known before its fields are walked, so an input type that contains itself ends the walk.
    byInputType.set(type, canonicalise);
    for (const field of Object.values(type.getFields())) {
      const fieldCanonicalise = canonicaliserFor(field.type);
      if (fieldCanonicalise) fields.push([field.name, fieldCanonicalise]);
    }
    if (fields.length === 0) byInputType.set(type, null);
    return fields.length > 0 ? canonicalise : null;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const argumentCanonicalisers = field.args.flatMap((arg) => {
        const canonicalise = canonicaliserFor(arg.type);
        return canonicalise ? [[arg.name, canonicalise] as const] : [];
      });
      if (argumentCanonicalisers.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        const canonical = { ...args };
        for (const [name, canonicalise] of argumentCanonicalisers) if (name in canonical) canonical[name] = canonicalise(canonical[name]);
        return resolve(source, canonical, context, info);
      };
    }
  }
}
