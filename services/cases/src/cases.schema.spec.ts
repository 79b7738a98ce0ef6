import { join } from 'node:path';
import { committedAndPrintedSchema } from '@kinga/shared/testing';
import { casesSubgraph } from './cases.subgraph';

it('matches the committed schema.graphql (run `npm run schemas` after changing a type)', async () => {
  const { committed, printed } = await committedAndPrintedSchema(casesSubgraph, join(__dirname, '..', 'schema.graphql'));
  expect(printed).toBe(committed);
});
