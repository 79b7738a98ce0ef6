import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphConfigSchema } from '@kinga/shared';
import { gatewayConfigSchema } from './gateway.config';
import { REPOSITORY_ROOT, SUBGRAPHS } from './subgraphs';

describe('.env.example', () => {
  const documented = new Set(
    [...readFileSync(join(REPOSITORY_ROOT, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]),
  );

  it('lists every setting the gateway and the subgraphs read', () => {
    const settings = [
      ...Object.keys(gatewayConfigSchema.shape),
      ...Object.keys(subgraphConfigSchema.shape),
      ...SUBGRAPHS.map(({ name }) => `${name.toUpperCase()}_DATABASE_URL`),
    ];
    expect(settings.filter((key) => !documented.has(key))).toEqual([]);
  });
});
