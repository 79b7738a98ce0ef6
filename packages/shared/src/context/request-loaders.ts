/**
 * Loaders made per argument shape (a page's `first` and `after`), so that every parent asked with the same
 * arguments shares one statement. The function hands out the loader for its arguments; `clearAll` forgets
 * them all, as a DataLoader's own does.
 */
export function loaderPerShape<Args extends unknown[], Loader>(
  make: (...args: Args) => Loader,
  keyOf: (...args: Args) => string = (...args) => JSON.stringify(args),
): ((...args: Args) => Loader) & { clearAll(): void } {
  const loaders = new Map<string, Loader>();
  const loaderFor = (...args: Args): Loader => {
    const key = keyOf(...args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(...args);
      loaders.set(key, loader);
    }
    return loader;
  };
  return Object.assign(loaderFor, { clearAll: () => loaders.clear() });
}

/**
 * Forgets everything a request's loaders have read (each one that can: a DataLoader, a `loaderPerShape`). Called
 * once a write commits: a later field of the same request (the next mutation of a document, which the gateway
 * sends to the subgraph in one request) must see the change, not the rows read before it.
 */
export function forgetCachedReads(loaders: object): void {
  for (const loader of Object.values(loaders)) {
    const clearAll = (loader as { clearAll?: unknown } | null)?.clearAll;
    if (typeof clearAll === 'function') clearAll.call(loader);
  }
}
