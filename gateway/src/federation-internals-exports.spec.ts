import { readFileSync } from 'node:fs';
import { federationInternalsArePlain, replaceWithPlainExports } from './federation-internals-exports';
import { SUPERGRAPH_PATH } from './subgraphs';

const PACKAGE = '@apollo/federation-internals';
type Exports = Record<string, unknown>;

/** A fresh load of the package and its dependants, as when a process starts. */
function inFreshModules<T>(run: (load: NodeJS.Require) => T): T {
  let result: T | undefined;
  jest.isolateModules(() => {
    result = run(require);
  });
  return result as T;
}

describe('plain exports of @apollo/federation-internals', () => {
  it('are in place wherever the gateway is loaded (this test file loaded it too)', () => {
    expect(federationInternalsArePlain).toBe(true);
    const loaded = jest.requireActual<Exports>(PACKAGE);
    expect(Object.getOwnPropertyDescriptor(loaded, 'isNonNullType')).toHaveProperty('value');
  });

  it('are needed: as loaded, the package exports its names through getters', () => {
    const live = inFreshModules((load) => load(PACKAGE) as Exports);
    const getters = Object.keys(live).filter((name) => Object.getOwnPropertyDescriptor(live, name)?.get);
    expect(getters.length).toBeGreaterThan(200);
    expect(getters).toEqual(expect.arrayContaining(['isNonNullType', 'isListType', 'assert', 'Supergraph']));
  });

  it('hold the same values as the getters, which never change once the package has been used', () => {
    inFreshModules((load) => {
      const live = load(PACKAGE) as Exports;
      expect(replaceWithPlainExports(load, PACKAGE)).toBe(true);
      const plain = load(PACKAGE) as Exports;
      expect(plain).not.toBe(live);
      expect(plain.__esModule).toBe(true);
      const names = Object.keys(live);
      for (const name of names) expect(Object.getOwnPropertyDescriptor(plain, name)).toMatchObject({ value: live[name] });

      // Used as the gateway uses it (a supergraph, a query plan): a name rebound since would now differ.
      const { Supergraph, operationFromDocument } = plain as unknown as typeof import('@apollo/federation-internals');
      const { QueryPlanner } = load('@apollo/query-planner') as typeof import('@apollo/query-planner');
      const { parse } = load('graphql') as typeof import('graphql');
      const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
      const operation = operationFromDocument(supergraph.schema, parse('{ cases(first: 1) { edges { node { caseNumber } } } }'));
      expect(new QueryPlanner(supergraph).buildQueryPlan(operation).node?.kind).toBe('Fetch');
      for (const name of names) expect(plain[name]).toBe(live[name]);
    });
  });

  it('copies only once: plain exports are left as they are', () => {
    inFreshModules((load) => {
      expect(replaceWithPlainExports(load, PACKAGE)).toBe(true);
      const plain = load(PACKAGE);
      expect(replaceWithPlainExports(load, PACKAGE)).toBe(true);
      expect(load(PACKAGE)).toBe(plain);
    });
  });
});
