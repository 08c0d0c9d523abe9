// How an audited value reads to a person: money in £, partners and funding sources by name, quarters with months.
import { quarterLabel } from '../../shared/financial-year';
import { formatPence, isPence } from '../../shared/money';

export function describeValueOf(
  field: string | null,
  value: unknown,
  partnerName: (id: number) => string,
  sourceName: (code: string) => string,
): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (field?.endsWith('Pence') && isPence(value)) return formatPence(value);
  if (field === 'orgId' && typeof value === 'number') return partnerName(value);
  if (field === 'source' && typeof value === 'string') return sourceName(value);
  if (field === 'quarter' && typeof value === 'number') return quarterLabel(value);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
