// The one check of a value typed or pasted into any grid: the same zod patch schema the server uses, so a grid refuses
// exactly what the server would, saying it in pounds where the schema speaks of pence.
import type { ZodType } from 'zod';
import { formatPence } from '../../../shared/money';
import type { SheetColumn } from './cells';

/** Why a value cannot go into a column, or null when it can. */
export type CellCheck = (column: Pick<SheetColumn<unknown>, 'field' | 'header' | 'kind'>, value: unknown) => string | null;

/** A grid's check from its noun's patch schema. Every amount of money the schemas hold is 0 or more (`pence` in
 * shared/schemas.ts); a negative one is refused here in pounds ("-£5.00"), as people typed it. */
export function checkWith(patch: ZodType): CellCheck {
  return (column, value) => {
    if (column.kind === 'money' && typeof value === 'number' && value < 0) {
      return `${column.header} cannot be negative, got ${formatPence(value)}`;
    }
    const result = patch.safeParse({ [column.field]: value });
    return result.success ? null : result.error.issues.map((i) => i.message).join('; ');
  };
}
