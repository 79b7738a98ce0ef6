import {
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  visit,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The names of the supergraph's @inaccessible fields: facts the subgraphs pass each other through the gateway (a
 * case's live consents, its referral parties), which no client may ask for.
 */
export function inaccessibleFieldNames(supergraphSdl: string): Set<string> {
  const names = new Set<string>();
  visit(parse(supergraphSdl), {
    FieldDefinition(node) {
      if (node.directives?.some((directive) => directive.name.value === 'inaccessible')) names.add(node.name.value);
    },
  });
  return names;
}

/**
 * Refuses an operation that answers a field under one of `reserved`'s names, or under the name of another field of
 * the same type. The gateway gathers every fetch's
 * answer by response key: a client's `liveConsents: consents { ... }` beside a field whose rule needs the case's
 * real live consents would share their key, and whichever fetch landed last would decide (the client's copy
 * carries revoked consents as live). Apollo answers the refusal 400 GRAPHQL_VALIDATION_FAILED, before any fetch.
 */
export function reservedResponseKeys(reserved: ReadonlySet<string>): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    [Kind.FIELD](node) {
      const key = node.alias?.value;
      if (!key || key === node.name.value) return;
      if (reserved.has(key)) {
        context.reportError(
          new GraphQLError(`"${key}" is a name Kinga keeps for facts its services pass each other: give this field another alias`, {
            nodes: [node],
          }),
        );
        return;
      }
      // The same holds for a field a service requires of another (a subject access request's status decides
      // which referrals it opens): an alias that is another field's name of the same type could stand in its
      // place in the merged answer, so none is taken.
      const parent = context.getParentType();
      // `__typename` too: the gateway builds an entity's representation from it.
      if (key === '__typename' || (parent && (isObjectType(parent) || isInterfaceType(parent)) && key in parent.getFields()))
        context.reportError(
          new GraphQLError(
            `"${key}" is another field of ${parent?.name ?? 'this type'}: give ${node.name.value} an alias that is no field's name`,
            {
              nodes: [node],
            },
          ),
        );
    },
  });
}
