// How charts write figures on their axes and in their tooltips: compact £ ticks, quarters, names cut to fit. Pure
// functions, shared by every chart so the same figure reads the same everywhere.
import { quarterLabel } from '../../shared/financial-year';
import { formatPence, formatPenceCompact } from '../../shared/money';

/** A £ axis tick. Recharts picks round tick values, but a tick is a float to it, so it is rounded to whole pence. */
export const penceTick = (value: number) => formatPenceCompact(Math.round(value));

/** "Q2" on an axis; the table views say the months too (shared/financial-year quarterLabel). */
export const quarterTick = (quarter: number) => `Q${quarter}`;

/** A tooltip's money figure in full (£1,234.56); anything else as it comes. */
export const penceTooltip = (value: unknown) => (typeof value === 'number' ? formatPence(value) : String(value));

/** A tooltip's heading for a quarter: the quarter with its months. */
export const quarterTooltipLabel = (quarter: unknown) => quarterLabel(Number(quarter));

/** An axis label cut to `max` characters with an ellipsis, so long partner or scheme names do not overlap. */
export const shortTick = (max: number) => (name: string) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);
