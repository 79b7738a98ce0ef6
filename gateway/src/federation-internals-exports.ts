/**
 * `@apollo/federation-internals` re-exports its 300-odd names through TypeScript's `__exportStar`, so each
 * one is a getter on the package's exports object, and @apollo/gateway reaches every helper through it
 * (`federation_internals_1.isNonNullType(...)`). Shaping a result calls those helpers for every value: under
 * B4 (a 16,000-cell table) the getters alone were a quarter of the gateway's CPU (bench/NOTES.md).
 *
 * The names are bound once, when the package loads, and never reassigned, so whoever requires the package
 * after this module gets a plain object holding the same values (the test checks they stay the same). It must
 * be loaded before @apollo/gateway: main.ts and index.ts import it first.
 */
const PACKAGE = '@apollo/federation-internals';

/**
 * Makes a package's exports plain data properties for whoever requires it next. True once they are (now, or
 * already); false where the package is not in the module cache.
 */
export function replaceWithPlainExports(load: NodeJS.Require, packageName: string): boolean {
  const exported = load(packageName) as Record<string, unknown>;
  const cached = load.cache[load.resolve(packageName)];
  if (!cached) return false;
  const hasGetters = Object.values(Object.getOwnPropertyDescriptors(exported)).some((descriptor) => descriptor.get);
  if (!hasGetters) return true;
  const plain: Record<string, unknown> = { ...exported };
  Object.defineProperty(plain, '__esModule', { value: true });
  cached.exports = plain;
  return true;
}

export const federationInternalsArePlain = replaceWithPlainExports(require, PACKAGE);
