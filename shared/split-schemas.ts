// The split schemas now live in shared/schema/split-rule.ts; re-exported here under the old path.
export * from './schema/split-rule';
