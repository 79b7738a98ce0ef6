import { Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/** A document's named fragments by name, for walks that follow `...spread`s. */
export function fragmentsOf(document: DocumentNode | undefined): Map<string, FragmentDefinitionNode> {
  return new Map((document?.definitions ?? []).flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}
