import { existsSync } from 'node:fs';
import { composeSupergraph, readSubgraphSchema, SUBGRAPHS, subgraphSchemaPath } from '@kinga/gateway';

describe('composition', () => {
  it('composes with every other committed subgraph schema', () => {
    const present = SUBGRAPHS.filter(({ name }) => existsSync(subgraphSchemaPath(name)));
    expect(present.map((s) => s.name)).toContain('programmes');
    const supergraph = composeSupergraph(
      present.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readSubgraphSchema(name) })),
    );
    expect(supergraph).toContain('indicatorProgress');
    expect(supergraph).toContain('objectivesLed');
  });
});
