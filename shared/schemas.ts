// The zod input schemas of the core procedures now live one noun to a file in shared/schema/; this file re-exports
// them under their old path so existing imports keep working.
export * from './schema/fields';
export * from './schema/shape';
export * from './schema/organisation';
export * from './schema/partnership';
export * from './schema/fund';
export * from './schema/contribution';
export * from './schema/audit';
export * from './schema/setting';
export * from './schema/user';
export * from './schema/scheme';
export * from './schema/reference';
export * from './schema/snapshot';
