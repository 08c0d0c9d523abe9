// The server's answer to a refused batch, placed back on the grid: each fieldError "changes.<i>.values.<field>" names
// the change (in the order the grid sent them) and the cell.
import type { FieldError } from '../../../shared/errors';

export function cellErrorsOf(fieldErrors: readonly FieldError[]): { change: number; field: string; message: string }[] {
  return fieldErrors.flatMap((e) => {
    const match = /^changes\.(\d+)\.values\.(\w+)$/.exec(e.path);
    return match ? [{ change: Number(match[1]), field: match[2] ?? '', message: e.message }] : [];
  });
}
