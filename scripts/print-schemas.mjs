// Writes each subgraph's schema.graphql from its code and composes gateway/supergraph.graphql from them.
// Run with `npm run schemas` after changing a GraphQL type; tests fail while the committed files drift.
// `node scripts/print-schemas.mjs cases` prints one subgraph only (and does not compose).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
process.env.APOLLO_TELEMETRY_DISABLED = '1';
const { printSubgraphSdl } = require('@kinga/shared');
const { SUBGRAPHS, SUPERGRAPH_PATH, subgraphSchemaPath, readSubgraphSchema, composeSupergraph } = require('@kinga/gateway');

const only = process.argv.slice(2);
const names = only.length > 0 ? only : SUBGRAPHS.map((s) => s.name);
for (const name of names) {
  const definition = require(`@kinga/${name}`)[`${name}Subgraph`];
  const sdl = printSubgraphSdl(await definition.buildSchema());
  writeFileSync(subgraphSchemaPath(name), sdl);
  console.log(`wrote ${subgraphSchemaPath(name)}`);
}
if (only.length === 0) {
  const supergraph = composeSupergraph(
    SUBGRAPHS.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readSubgraphSchema(name) })),
  );
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
