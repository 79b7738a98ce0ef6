import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { readSubgraphSchema, REPOSITORY_ROOT, SUBGRAPHS } from './subgraphs';

/** Every ```graphql block of a document, with the line it starts on. */
function graphqlBlocks(file: string): Array<{ line: number; source: string }> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: Array<{ line: number; source: string }> = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].trim() !== '```graphql') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1].trim() !== '```') i += 1;
    blocks.push({ line: start + 1, source: lines.slice(start, i + 1).join('\n') });
  }
  return blocks;
}

describe('the operations the README shows', () => {
  const composed = composeServices(
    SUBGRAPHS.map(({ name }) => ({ name, url: `http://${name}`, typeDefs: parse(readSubgraphSchema(name)) })),
  );
  if (composed.errors) throw composed.errors[0];
  const apiSchema = composed.schema.toAPISchema().toGraphQLJSSchema();
  const blocks = graphqlBlocks(join(REPOSITORY_ROOT, 'README.md'));

  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b) => [b.line, b.source] as const))('README.md:%i is valid against the composed API schema', (_line, source) => {
    // Literal ellipses stand for values a reader fills in; give them a value of the right shape.
    const filled = source.replace(/"…"/g, '"00000000-0000-4000-8000-000000000000"').replace(/"…([^"]*)"/g, '"$1"');
    const errors = validate(apiSchema, parse(filled)).map((e) => e.message);
    expect(errors).toEqual([]);
  });
});
