import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The subgraphs of DESIGN.md "Running", with their default ports. */
export const SUBGRAPHS = [
  { name: 'directory', port: 4001 },
  { name: 'cases', port: 4002 },
  { name: 'referrals', port: 4003 },
  { name: 'programmes', port: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const REPOSITORY_ROOT = join(__dirname, '..', '..');

export function subgraphSchemaPath(name: string): string {
  return join(REPOSITORY_ROOT, 'services', name, 'schema.graphql');
}

export const SUPERGRAPH_PATH = join(REPOSITORY_ROOT, 'gateway', 'supergraph.graphql');

export function readSubgraphSchema(name: string): string {
  return readFileSync(subgraphSchemaPath(name), 'utf8');
}
