import { GraphQLError, Kind, parse, visit, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';

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
 * Refuses an operation that answers a field under one of `reserved`'s names. The gateway gathers every fetch's
 * answer by response key: a client's `liveConsents: consents { ... }` beside a field whose rule needs the case's
 * real live consents would share their key, and whichever fetch landed last would decide (the client's copy
 * carries revoked consents as live). Apollo answers the refusal 400 GRAPHQL_VALIDATION_FAILED, before any fetch.
 */
export function reservedResponseKeys(reserved: ReadonlySet<string>): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    [Kind.FIELD](node) {
      const key = node.alias?.value;
      if (key && reserved.has(key))
        context.reportError(
          new GraphQLError(`"${key}" is a name Kinga keeps for facts its services pass each other: give this field another alias`, {
            nodes: [node],
          }),
        );
    },
  });
}
