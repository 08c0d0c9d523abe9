// A fund's Section 75 risk share (shared/risk-share-schemas.ts): JSON in the fund row's risk_share column, audited as
// its own entity 'fund_risk_share' (id = the fund's id), one audit field per part of the configuration, so changing it
// never rewrites the fund's own audited fields and undo restores it like any other row. Like the plan settings, it
// shares the fund row's version: a stale copy of either is a CONFLICT.
import { parseRiskShareConfig, type RiskShareConfig } from '../../shared/risk-share-schemas';
import { RISK_SHARE_LABELS } from '../../shared/risk-share-schemas';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';
import { keptInFundRow, rereadOf } from './row-writes';

export interface FundRiskShareRow extends RiskShareConfig {
  id: number;
  fundId: number;
  version: number;
}

/** The audited values, plus the fund (not audited: it never changes) so the row-level rules can find the partnership. */
export interface RiskShareValues extends RiskShareConfig {
  fundId?: number;
}

export async function findRiskShare(db: DB | Tx, fundId: number): Promise<FundRiskShareRow | undefined> {
  const row = await db.selectFrom('fund').select(['id', 'riskShare', 'version']).where('id', '=', fundId).executeTakeFirst();
  return row ? { id: row.id, fundId: row.id, version: row.version, ...parseRiskShareConfig(row.riskShare) } : undefined;
}

function configOf({ overspendMethod, underspendMethod, contingencyPence, uncommittedPence }: RiskShareConfig): RiskShareConfig {
  return { overspendMethod, underspendMethod, contingencyPence, uncommittedPence };
}

const reread = rereadOf(findRiskShare, 'fund');

export const riskShareTable: AuditedTable<FundRiskShareRow, RiskShareValues> = {
  entity: 'fund_risk_share',
  noun: 'fund’s risk share',
  fieldLabels: RISK_SHARE_LABELS,
  fields: ['overspendMethod', 'underspendMethod', 'contingencyPence', 'uncommittedPence'],
  fundIdOf: (row) => row.fundId,
  find: findRiskShare,
  ...keptInFundRow({ created: 'a risk share is created with its fund', removed: 'a risk share is removed with its fund' }),
  // One JSON column: the parts not in `values` are kept as they are.
  update: async (tx, id, values, _stamp, version) => {
    const { fundId: _fundId, ...config } = values;
    const riskShare = JSON.stringify(configOf({ ...(await reread(tx, id)), ...config }));
    await tx.updateTable('fund').set({ riskShare, version }).where('id', '=', id).execute();
    return reread(tx, id);
  },
  pick: (row) => ({ ...configOf(row), fundId: row.fundId }),
};
