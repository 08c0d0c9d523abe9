// A unit cost: what one unit of an activity costs ("Fall admission, £4,088.00, 2022/23 prices, source ..."), the
// prices a benefit line's savings are counted in (shared/roi.ts).
import type { z } from 'zod';
import { pence, strict, text, yearSchema } from './fields';
import { labelsOf, patchOf, type RowOf, updateOf, type Versioned } from './shape';

/** The financial year whose prices a unit cost is in, like 2022/23. */
export const priceYearSchema = yearSchema('Price year', '2022/23');

const unitCostFields = {
  item: text('Item', 1, 300),
  pence: pence('Unit cost (£)'),
  priceYear: priceYearSchema,
  source: text('Source', 1, 1000),
};

/** What a person calls each field of a unit cost (messages and batch labels). */
export const UNIT_COST_FIELD_LABELS = labelsOf(unitCostFields);

/** The stored fields of a unit cost. */
export type UnitCostValues = RowOf<typeof unitCostFields>;

/** A unit cost as the API returns it. */
export interface UnitCost extends UnitCostValues, Versioned {}

export const unitCostCreateInput = strict(unitCostFields, 'Unit cost');
export const unitCostUpdateInput = updateOf(patchOf(unitCostFields));

export type UnitCostCreateInput = z.infer<typeof unitCostCreateInput>;
export type UnitCostUpdateInput = z.infer<typeof unitCostUpdateInput>;
