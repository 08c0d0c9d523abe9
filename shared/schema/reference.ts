// A reference-list item of a BCF year (a scheme type, an area of spend, ...): data, never code enums, editable by
// admins, so a new year's lists need no release.
import type { z } from 'zod';
import { bcfYearSchema, coded, oneOf, referenceCode, strict, text, wholeNumber } from './fields';
import { keysOf, labelsOf, patchOf, type RowOf, updateOf, type Versioned } from './shape';

/** The lists held as data for each BCF year (never as code enums), editable by admins. */
export const REFERENCE_LISTS = [
  'scheme_type',
  'sub_type',
  'area_of_spend',
  'commissioner',
  'provider_type',
  'national_condition',
  'metric',
] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

const referenceFields = {
  /** The BCF planning year the item belongs to: '2023-25' (a two-year plan) or '2025/26'. */
  bcfYear: bcfYearSchema,
  list: oneOf('List', REFERENCE_LISTS),
  code: coded('Code', /^[a-z0-9_]{1,50}$/, 'must be 1 to 50 lower case letters, digits or _'),
  name: text('Name', 1, 300),
  /** For a sub-type: the code of its scheme type. */
  parentCode: referenceCode('Parent code'),
  sortOrder: wholeNumber('Sort order', 0, 100_000),
};

/** What a person calls each field of a reference item (messages and batch labels). */
export const REFERENCE_ITEM_FIELD_LABELS = labelsOf(referenceFields);

/** The stored fields of a reference item. */
export type ReferenceItemValues = RowOf<typeof referenceFields>;
export const REFERENCE_ITEM_FIELDS = keysOf(referenceFields);

/** A reference item as the API returns it; `version` is bumped on each change (reference.update checks it). */
export interface ReferenceItem extends ReferenceItemValues, Versioned {}

export const referenceListInput = strict({ bcfYear: bcfYearSchema.optional() }, 'Input').optional();

const { parentCode, sortOrder, ...required } = referenceFields;

export const referenceCreateInput = strict(
  { ...required, parentCode: parentCode.optional(), sortOrder: sortOrder.optional() },
  'Reference item',
);

export const referenceUpdateInput = updateOf(patchOf({ name: referenceFields.name, parentCode, sortOrder }));

export type ReferenceCreateInput = z.infer<typeof referenceCreateInput>;
export type ReferenceUpdateInput = z.infer<typeof referenceUpdateInput>;
