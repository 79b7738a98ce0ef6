export * from './test-database';
export * from './test-env';
export * from './subgraph-client';
export * from './schema-drift';
export * from './fake-clock';
export * from './migrated-schema';
