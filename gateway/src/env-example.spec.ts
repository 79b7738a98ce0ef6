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

describe('docker-compose.yml', () => {
  const compose = readFileSync(join(REPOSITORY_ROOT, 'docker-compose.yml'), 'utf8');
  // The gateway's own block: compose passes a process only the variables it names (.env.example).
  const gateway = compose.slice(compose.indexOf('\n  gateway:'));
  const named = new Set([...gateway.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));

  it('names every limit an operator of the gateway sets in .env, and only settings the gateway reads', () => {
    const limits = Object.keys(gatewayConfigSchema.shape).filter(
      (key) => (key.startsWith('RATE_LIMIT_') && key !== 'RATE_LIMIT_SHARES') || key === 'TRUST_PROXY' || key === 'GATEWAY_MAX_IN_FLIGHT',
    );
    expect(limits.length).toBeGreaterThan(10);
    expect(limits.filter((key) => !named.has(key))).toEqual([]);
    const read = new Set([...Object.keys(gatewayConfigSchema.shape), 'GATEWAY_WORKERS']);
    expect([...named].filter((key) => !read.has(key))).toEqual([]);
  });
});
