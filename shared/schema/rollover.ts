// `rollover.preview` and `rollover.start`: next year's plan from this year's fund, uplifted per stream, with the codes
// the new year lists differently mapped by a person (shared/rollover.ts holds the arithmetic).
import type { z } from 'zod';
import { upliftBp, MAPPED_LISTS, type MappedList } from './bcf-year';
import { id, oneOf, strict, text } from './fields';

const mapping = strict(
  {
    list: oneOf('List', MAPPED_LISTS),
    fromCode: text('From code', 1, 101),
    toCode: text('To code', 1, 101),
  },
  'Mapping',
);

const rolloverFields = {
  fundId: id('Fund'),
  upliftBp: upliftBp('Uplift'),
  /** What a person chose for codes the new year does not list (saved as year mappings for next time). */
  mappings: mapping.array().max(500).default([]),
};

/** The preview's uplift may be left out: it is then the target year's uplift of the NHS minimum (0 when it has none). */
export const rolloverPreviewInput = strict({ ...rolloverFields, upliftBp: rolloverFields.upliftBp.optional() }, 'Roll-over');
export const rolloverStartInput = strict({ ...rolloverFields, name: text('Name', 1, 200).optional() }, 'Roll-over');
export type RolloverPreviewInput = z.input<typeof rolloverPreviewInput>;
export type RolloverStartInput = z.infer<typeof rolloverStartInput>;
export type RolloverMapping = z.infer<typeof mapping>;

/** How a code of this year finds its place in the next: the same code, a saved mapping, one chosen now, or none yet. */
export type MappingHow = 'same' | 'saved' | 'chosen' | 'unmapped';

export interface RolloverChoice {
  code: string;
  name: string;
}

/** One code the fund uses, and where it goes. */
export interface RolloverCode {
  list: MappedList;
  fromCode: string;
  fromName: string;
  toCode: string | null;
  how: MappingHow;
  /** The target year's codes of this list (what a person may choose). */
  choices: RolloverChoice[];
}

/** A target stream's planned income now (from the old streams that feed it) and after the uplift. */
export interface RolloverStream {
  /** The target year's stream code; the old code while it is unmapped. */
  code: string;
  name: string;
  mapped: boolean;
  fromCodes: string[];
  incomeNowPence: number;
  incomeNextPence: number;
  spendNowPence: number;
  spendNextPence: number;
}

export interface RolloverPreview {
  fund: { id: number; name: string; financialYear: string; bcfYear: string };
  target: { bcfYear: string; label: string; financialYear: string; nhsAscUpliftBp: number | null };
  /** A fund of that name already in the target financial year: the roll-over would be refused. */
  existingFund: { id: number; name: string } | null;
  upliftBp: number;
  streams: RolloverStream[];
  codes: RolloverCode[];
  counts: { contributions: number; schemes: number; outcomes: number };
}

/** What `rollover.start` made. */
export interface RolloverResult {
  fundId: number;
  batchId: string;
  name: string;
  financialYear: string;
  bcfYear: string;
}
