export * from './harness/start-system';
