// The shapes the API returns, shared so the client and the server agree on them without importing each other.
import type { Role } from './roles';
import type { Arrangement, Sector } from './schemas';

export interface Organisation {
  id: number;
  name: string;
  sector: Sector;
  kind: string | null;
  onsCode: string | null;
  version: number;
}

export interface Partnership {
  id: number;
  name: string;
  area: string | null;
  arrangement: Arrangement;
  hostOrgId: number | null;
  notes: string | null;
  isDemo: boolean;
  memberOrgIds: number[];
  version: number;
}

export interface Fund {
  id: number;
  partnershipId: number;
  name: string;
  financialYear: string;
  riskShare: string;
  version: number;
}

export interface FundingSource {
  code: string;
  name: string;
  description: string;
}

export interface Contribution {
  id: number;
  fundId: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
  version: number;
  updatedAt: string;
  /** Who last changed the row (null for the demo seed and other system jobs). */
  updatedBy: number | null;
  updatedByName: string | null;
}

export interface AuditEvent {
  id: number;
  batchId: string;
  /** What the batch was ("Changed plannedPence", "Applied 12 changes", "Undid: ..."). */
  batchLabel: string;
  /** Set when the batch has been undone, to the undo's batch id. */
  undoneByBatchId: string | null;
  /** Set when the batch is itself an undo, to the batch it undid. */
  undoesBatchId: string | null;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  fundId: number | null;
  partnershipId: number | null;
  userName: string | null;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  orgIds: number[];
  disabled: boolean;
  version: number;
  passwordSetAt: string;
}

/** Who is signed in, as auth.me and auth.login return it. */
export interface SignedInUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  orgIds: number[];
}
