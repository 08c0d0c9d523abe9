// The scenario schemas now live in shared/schema/scenario.ts; re-exported here under the old path.
export * from './schema/scenario';
