// A contribution: one partner's planned and actual money into a fund, for one funding source and quarter.
import type { z } from 'zod';
import { id, NOTE_MAX_LENGTH, pence, quarterSchema, sourceSchema, strict, text, wholeNumber } from './fields';
import { batchOf, changeOf, deleteInput, keysOf, labelsOf, optionalShape, patchOf, type RowOf, updateOf, type Versioned } from './shape';

const contributionFields = {
  orgId: id('Partner'),
  source: sourceSchema,
  quarter: quarterSchema,
  plannedPence: pence('Planned (£)'),
  actualPence: pence('Actual (£)'),
  note: text('Note', 0, NOTE_MAX_LENGTH, false),
};

/** What a person calls each field a contribution row edits, as the grid names its columns. */
export const CONTRIBUTION_VALUE_LABELS = labelsOf(contributionFields);

/** What a person calls each contribution field: used by messages and batch labels ("Changed Planned (£)"). */
export const CONTRIBUTION_FIELD_LABELS = labelsOf({ fundId: id('Fund'), ...contributionFields });

/** The fields a contribution row edits. */
export type ContributionField = keyof typeof contributionFields;
export const CONTRIBUTION_FIELDS = keysOf(contributionFields);

/** The audited fields; everything else (id, version, stamps) is the system's. The fund is set at creation only. */
export type ContributionValuesRow = { fundId: number } & RowOf<typeof contributionFields>;

/** A contribution as the API returns it. */
export interface Contribution extends ContributionValuesRow, Versioned {
  updatedAt: string;
  /** Who last changed the row (null for the demo seed and other system jobs). */
  updatedBy: number | null;
  updatedByName: string | null;
}

/** A row of `contributions.list`: what the grid shows and edits, nothing more (design.md's contract): about 100 bytes a
 * row in JSON. Who changed a row last, and when, is in its history (audit.list), which the history panel loads. */
export type ContributionListRow = Pick<
  Contribution,
  'id' | 'orgId' | 'source' | 'quarter' | 'plannedPence' | 'actualPence' | 'note' | 'version'
>;

/** The most rows one page of `contributions.list` holds: a page of a national fund stays a few hundred KB. */
export const LIST_PAGE_MAX = 5000;

/** `contributions.list`: a fund's rows in the grid's order, all of them, or a page (`offset` rows skipped, then at most
 * `limit`). */
export const contributionListInput = strict(
  {
    fundId: id('Fund'),
    offset: wholeNumber('Offset', 0, Number.MAX_SAFE_INTEGER, 'must be a whole number of rows to skip, 0 or more').optional(),
    limit: wholeNumber('Limit', 1, LIST_PAGE_MAX, `must be a whole number of rows from 1 to ${LIST_PAGE_MAX}`).optional(),
  },
  'Input',
);
export type ContributionListInput = z.infer<typeof contributionListInput>;

/** The values of a new contribution; planned and actual default to £0.00 and the note to empty. */
export const contributionValues = strict(
  { ...optionalShape(contributionFields), orgId: contributionFields.orgId, source: sourceSchema, quarter: quarterSchema },
  'Contribution',
);

/** A change to some fields of a contribution. */
export const contributionPatch = patchOf(contributionFields);

export const contributionCreateInput = strict({ fundId: id('Fund'), ...contributionValues.shape }, 'Contribution');
export const contributionUpdateInput = updateOf(contributionPatch);
export const contributionDeleteInput = deleteInput;

export const contributionChange = changeOf(contributionValues, contributionPatch);
export const applyBatchInput = batchOf(contributionValues, contributionPatch);

export type ContributionValues = z.infer<typeof contributionValues>;
export type ContributionPatch = z.infer<typeof contributionPatch>;
export type ContributionChange = z.infer<typeof contributionChange>;
export type ApplyBatchInput = z.infer<typeof applyBatchInput>;
