// The shapes the API returns now live with their noun's schema in shared/schema/; re-exported here under the old path.
export type { Organisation } from './schema/organisation';
export type { Partnership } from './schema/partnership';
export type { Fund, FundingSource } from './schema/fund';
export type { Contribution, ContributionListRow } from './schema/contribution';
export type { AuditEvent } from './schema/audit';
export type { SignedInUser, User } from './schema/user';
