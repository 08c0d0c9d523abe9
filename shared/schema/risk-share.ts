// The zod input schemas of riskshare.*, and the stored shape of a fund's risk-share configuration. The rules of a
// method (fixed percentages adding up to exactly 100%, no party twice) are shared/risk-share.ts's own, so the schema
// and apportionVariance() can never disagree.
import { z } from 'zod';
import { methodProblems, RISK_SHARE_METHODS, type RiskShareMethod } from '../risk-share';
import { id, pence, rule, strict, version } from './fields';
import { MAX_SPLIT_PARTS, partySchema, sharePartSchema } from './split-rule';
import type { Party } from '../split';

/**
 * A method as a fund stores it: as shared/risk-share.ts's RiskShareMethod, except that `host_bears` may leave the host
 * out, meaning the partnership's host organisation (as `org:<id>`) at the time the statement is drawn up.
 */
export type StoredRiskShareMethod = Exclude<RiskShareMethod, { kind: 'host_bears' }> | { kind: 'host_bears'; host?: Party };

/** A fund's Section 75 risk share: the methods for each side, and what the BCF order's steps 2 and 3 may absorb. */
export interface RiskShareConfig {
  overspendMethod: StoredRiskShareMethod;
  underspendMethod: StoredRiskShareMethod;
  contingencyPence: number;
  uncommittedPence: number;
}

/** What a fund has until someone agrees otherwise: pro rata to planned contributions both ways, no contingency. */
export const DEFAULT_RISK_SHARE: RiskShareConfig = {
  overspendMethod: { kind: 'pro_rata_planned' },
  underspendMethod: { kind: 'pro_rata_planned' },
  contingencyPence: 0,
  uncommittedPence: 0,
};

export const RISK_SHARE_LABELS: Record<keyof RiskShareConfig, string> = {
  overspendMethod: 'Overspend method',
  underspendMethod: 'Underspend method',
  contingencyPence: 'Contingency (£)',
  uncommittedPence: 'Uncommitted scheme money (£)',
};

function methodSchema(label: string, field: 'overspendMethod' | 'underspendMethod') {
  const kindRule = rule(`${label}`, `must have a kind, one of ${RISK_SHARE_METHODS.join(', ')}`);
  return z
    .discriminatedUnion(
      'kind',
      [
        strict({ kind: z.literal('pro_rata_planned') }, label),
        strict({ kind: z.literal('pro_rata_actual') }, label),
        strict({ kind: z.literal('commissioner_bears') }, label),
        strict({ kind: z.literal('host_bears'), host: partySchema.optional() }, label),
        strict(
          {
            kind: z.literal('fixed_percentages'),
            shares: z
              .array(sharePartSchema, rule('Shares', 'must be a list'))
              .max(MAX_SPLIT_PARTS, rule('Shares', 'must hold at most 100 entries')),
          },
          label,
        ),
      ],
      kindRule,
    )
    .superRefine((method, ctx) => {
      if (method.kind === 'host_bears' && method.host === undefined) return;
      // The whole-method rules (fixed percentages add up to exactly 10000, no party twice), at paths from the method.
      for (const problem of methodProblems(method as RiskShareMethod, field)) {
        ctx.addIssue({ code: 'custom', path: problem.path.slice(1), message: problem.message });
      }
    }) as z.ZodType<StoredRiskShareMethod>;
}

export const riskSharePatch = strict(
  {
    overspendMethod: methodSchema('Overspend method', 'overspendMethod').optional(),
    underspendMethod: methodSchema('Underspend method', 'underspendMethod').optional(),
    contingencyPence: pence('Contingency').optional(),
    uncommittedPence: pence('Uncommitted scheme money').optional(),
  },
  'Patch',
);

/** `riskshare.update`: the fund version the caller last saw, and the parts of the configuration to change. */
export const riskShareUpdateInput = strict({ fundId: id('Fund'), version, patch: riskSharePatch }, 'Update');

export const RISK_SHARE_BASES = ['actual', 'forecast'] as const;
export type RiskShareBasis = (typeof RISK_SHARE_BASES)[number];

/** `riskshare.statement`: on the year's actual spend, or on the forecast outturn (shared/plan-variance.ts). */
export const riskShareStatementInput = strict(
  {
    fundId: id('Fund'),
    basis: z.enum(RISK_SHARE_BASES, rule('Basis', `must be one of ${RISK_SHARE_BASES.join(', ')}`)),
  },
  'Input',
);

export type RiskShareUpdateInput = z.infer<typeof riskShareUpdateInput>;
export type RiskShareStatementInput = z.infer<typeof riskShareStatementInput>;

/** A stored configuration read back: anything that is not a valid configuration (the column's old one-word default)
 * is the default, which is what that word meant. */
export function parseRiskShareConfig(stored: string): RiskShareConfig {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return DEFAULT_RISK_SHARE;
  }
  const parsed = riskSharePatch.safeParse(value);
  if (!parsed.success) return DEFAULT_RISK_SHARE;
  return { ...DEFAULT_RISK_SHARE, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
}
