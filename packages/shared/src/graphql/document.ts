import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';

/** A document's named fragments by name, for walks that follow `...spread`s. */
export function fragmentsOf(document: DocumentNode | undefined): Map<string, FragmentDefinitionNode> {
  return new Map((document?.definitions ?? []).flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}

/**
 * The fields a response path runs through (list indexes skipped), found by their response keys: the DENY row
 * names them by their names, since an alias is what the caller typed (`{ Wanjiru_Kamau_2014: referral(id: …) }`),
 * which the trail must not hold, and under which an auditor looking for refused `referral`s would not find it.
 * A key the operation does not answer (it always does) is undefined, named `?`.
 */
export function fieldsAlong(
  operation: OperationDefinitionNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: ReadonlyArray<string | number>,
): Array<FieldNode | undefined> {
  let selections: readonly SelectionNode[] = operation?.selectionSet.selections ?? [];
  const fields: Array<FieldNode | undefined> = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    const field = fieldAnswering(selections, key, fragments);
    fields.push(field);
    selections = field?.selectionSet?.selections ?? [];
  }
  return fields;
}

function fieldAnswering(
  selections: readonly SelectionNode[],
  responseKey: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode | undefined {
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias?.value ?? selection.name.value) === responseKey) return selection;
      continue;
    }
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
    const found = inner && fieldAnswering(inner.selections, responseKey, fragments);
    if (found) return found;
  }
  return undefined;
}

/**
 * A response path with each response key replaced by its field's name (list indexes kept), for a log line: an
 * alias is what the caller typed (`{ Wanjiru_Kamau_2014: case(id: …) }`), which no log may hold.
 */
export function fieldNamePath(
  operation: OperationDefinitionNode | undefined,
  document: DocumentNode | undefined,
  path: ReadonlyArray<string | number>,
): Array<string | number> {
  const fields = fieldsAlong(operation, fragmentsOf(document), path);
  let next = 0;
  return path.map((key) => (typeof key === 'number' ? key : (fields[next++]?.name.value ?? '?')));
}
