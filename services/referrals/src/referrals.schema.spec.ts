import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, readSubgraphSchema, subgraphSchemaPath, SUBGRAPHS } from '@kinga/gateway';
import { committedAndPrintedSchema } from '@kinga/shared/testing';
import { referralsSubgraph } from './referrals.subgraph';

it('matches the committed schema.graphql (run `npm run schemas` after changing a type)', async () => {
  const { committed, printed } = await committedAndPrintedSchema(referralsSubgraph, join(__dirname, '..', 'schema.graphql'));
  expect(printed).toBe(committed);
});

it('composes with every other committed subgraph schema', () => {
  const present = SUBGRAPHS.filter(({ name }) => existsSync(subgraphSchemaPath(name)));
  expect(present.map((s) => s.name)).toContain('referrals');
  const supergraph = composeSupergraph(
    present.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readSubgraphSchema(name) })),
  );
  expect(supergraph).toContain('referralParties');
});
