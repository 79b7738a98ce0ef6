import { readFileSync } from 'node:fs';
import { readSubgraphSchema, SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';
import { composeSupergraph } from './supergraph';

describe('the committed supergraph', () => {
  it('composes from the committed subgraph schemas without errors and matches gateway/supergraph.graphql', () => {
    const composed = composeSupergraph(
      SUBGRAPHS.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readSubgraphSchema(name) })),
    );
    expect(composed).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  it('reports composition errors by name', () => {
    const broken = [
      { name: 'a', url: 'http://a', sdl: 'type Query { x: Int } type Thing @key(fields: "id") { id: ID! }' },
      { name: 'b', url: 'http://b', sdl: 'type Query { y: String } type Thing @key(fields: "id") { id: String! }' },
    ];
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n';
    expect(() => composeSupergraph(broken.map((s) => ({ ...s, sdl: link + s.sdl })))).toThrow(/do not compose/);
  });
});
