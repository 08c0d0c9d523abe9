// An evidence item: a published claim of what a kind of scheme saves, with its range when the source gives one. The
// range rule (low <= value <= high) is shared/roi.ts's own, so the schema and the ROI engine can never disagree.
import type { z } from 'zod';
import { formatPence, MAX_AMOUNT_PENCE } from '../money';
import { formatPerPound, MAX_PER_POUND_BP, rangeProblems, type RangeField } from '../roi';
import type { SplitProblem } from '../split';
import { wellFormedString } from '../unicode';
import { describeValue, oneOf, rule, strict, text, wholeNumber } from './fields';
import { labelsOf, patchOf, type RowOf, updateOf, type Versioned } from './shape';

/** What an evidence value is: savings per £1 in basis points of £1 (7300 = £0.73), or an amount in pence. */
export const EVIDENCE_VALUE_KINDS = ['per_pound', 'pence'] as const;
export type EvidenceValueKind = (typeof EVIDENCE_VALUE_KINDS)[number];

const URL_RULE = 'must be a web address starting with http:// or https://';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const httpUrlSchema = wellFormedString('URL', rule('URL', URL_RULE))
  .trim()
  .max(2000, rule('URL', `${URL_RULE}, of at most 2,000 characters`))
  .refine(isHttpUrl, rule('URL', URL_RULE))
  .describe('URL');

const EVIDENCE_VALUE_RULE = `must be a whole number from 0 to ${MAX_AMOUNT_PENCE}: basis points of £1 (7300 = £0.73 per £1) or pence`;
const evidenceNumber = (label: string) => wholeNumber(label, 0, MAX_AMOUNT_PENCE, EVIDENCE_VALUE_RULE);

const evidenceFields = {
  claim: text('Claim', 1, 1000),
  valueKind: oneOf('Value kind', EVIDENCE_VALUE_KINDS),
  value: evidenceNumber('Value'),
  low: evidenceNumber('Low value').nullable(),
  high: evidenceNumber('High value').nullable(),
  publication: text('Publication', 1, 500),
  url: httpUrlSchema.nullable(),
};

/** What a person calls each field of an evidence item (messages and batch labels). */
export const EVIDENCE_FIELD_LABELS = labelsOf(evidenceFields);
const EVIDENCE_LABELS = EVIDENCE_FIELD_LABELS;

/** The stored fields of an evidence item. */
export type EvidenceItemValues = RowOf<typeof evidenceFields>;

/** An evidence item as the API returns it. */
export interface EvidenceItem extends EvidenceItemValues, Versioned {}

/** The figures of an evidence item, whole or in part (a patch), for the rules that look at more than one field. */
export interface EvidenceFigures {
  valueKind?: EvidenceValueKind;
  value?: number;
  low?: number | null;
  high?: number | null;
}

function showEvidence(kind: EvidenceValueKind | undefined): (value: number) => string {
  if (kind === 'per_pound') return (bp) => `${formatPerPound(bp)} per £1`;
  if (kind === 'pence') return formatPence;
  return String;
}

/**
 * The rules of an evidence item's figures together: a per-£1 value at most £1,000 per £1, low and high given
 * together, and low <= value <= high. Fields a patch leaves out are not checked here (the service checks the row as
 * it would be); paths are from the item, under `prefix` ("patch").
 */
export function evidenceFigureProblems(figures: EvidenceFigures, prefix: readonly string[] = []): SplitProblem[] {
  const at = (field: string): RangeField['path'] => [...prefix, field];
  // A figure that breaks its own field rule is reported by that rule alone, not again as out of range.
  const fieldOk = (value: unknown) => value === undefined || value === null || (Number.isSafeInteger(value) && Number(value) >= 0);
  if (![figures.value, figures.low, figures.high].every(fieldOk)) return [];
  const problems: SplitProblem[] = [];
  if (figures.valueKind === 'per_pound') {
    for (const field of ['value', 'low', 'high'] as const) {
      const value = figures[field];
      if (typeof value === 'number' && value > MAX_PER_POUND_BP) {
        problems.push({
          path: at(field),
          message: `${EVIDENCE_LABELS[field]} must be at most ${MAX_PER_POUND_BP} basis points of £1 (£1,000 per £1) for a per-£1 figure, got ${describeValue(value)}`,
        });
      }
    }
  }
  const { low, high } = figures;
  if (low !== undefined && high !== undefined && (low === null) !== (high === null)) {
    problems.push({
      path: at(low === null ? 'low' : 'high'),
      message: `Low and high values must be given together (or both left empty), got low ${describeValue(low)} and high ${describeValue(high)}`,
    });
  }
  if (problems.length > 0 || typeof low !== 'number' || typeof high !== 'number') return problems;
  return rangeProblems(
    { low, central: typeof figures.value === 'number' ? figures.value : null, high },
    {
      low: { path: at('low'), label: EVIDENCE_LABELS.low },
      central: { path: at('value'), label: EVIDENCE_LABELS.value },
      high: { path: at('high'), label: EVIDENCE_LABELS.high },
    },
    showEvidence(figures.valueKind),
  );
}

/** `evidence.create`: a claim with its value, its range when the source gives one, its publication and web address.
 * POPP's final report: "£1.20 saved on emergency bed-days per £1", per_pound 12000, low 8000, high 16000. */
export const evidenceItemCreateInput = strict(
  {
    ...evidenceFields,
    low: evidenceFields.low.default(null),
    high: evidenceFields.high.default(null),
    url: evidenceFields.url.default(null),
  },
  'Evidence item',
).superRefine((item, ctx) => {
  for (const problem of evidenceFigureProblems(item)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** `evidence.update`: any fields; the figures a patch holds are checked together here, the whole row by the service. */
export const evidenceItemUpdateInput = updateOf(patchOf(evidenceFields)).superRefine((input, ctx) => {
  for (const problem of evidenceFigureProblems(input.patch, ['patch'])) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});

export type EvidenceItemCreateInput = z.infer<typeof evidenceItemCreateInput>;
export type EvidenceItemUpdateInput = z.infer<typeof evidenceItemUpdateInput>;
