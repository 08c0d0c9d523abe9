// The shapes the API returns, shared so the client and the server agree on them without importing each other.
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
}

export interface AuditEvent {
  id: number;
  batchId: string;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  fundId: number | null;
}
