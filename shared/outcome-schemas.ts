// The zod input schemas of the outcome procedures now live one noun to a file in shared/schema/; this file re-exports
// them under their old path so existing imports keep working.
export * from './schema/metric';
export * from './schema/outcome';
export * from './schema/unit-cost';
export * from './schema/evidence';
export * from './schema/roi-benefit';
