// The risk-share schemas now live in shared/schema/risk-share.ts; re-exported here under the old path.
export * from './schema/risk-share';
