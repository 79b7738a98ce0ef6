import { readFileSync } from 'node:fs';
import { printSubgraphSdl } from '../federation/print-subgraph-schema';
import type { SubgraphDefinition } from '../server/subgraph-runtime';

/** The committed `schema.graphql` next to a service, and the SDL its code prints now. */
export async function committedAndPrintedSchema(
  definition: SubgraphDefinition,
  schemaPath: string,
): Promise<{ committed: string; printed: string }> {
  return { committed: readFileSync(schemaPath, 'utf8'), printed: printSubgraphSdl(await definition.buildSchema()) };
}
