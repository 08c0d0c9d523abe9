// Which BCF planning year (and so which reference lists) a fund uses. The 2023-25 plan was a two-year plan covering
// 2023/24 and 2024/25; from 2025/26 the lists of the 2025/26 template apply until a later year's lists are added.
import { FINANCIAL_YEAR_PATTERN } from './financial-year';

export const BCF_YEARS = ['2023-25', '2025/26'] as const;

/** The BCF year of a fund: its own setting, or derived from its financial year when not set. */
export function bcfYearOf(financialYear: string, explicit: string | null = null): string {
  if (explicit) return explicit;
  const match = FINANCIAL_YEAR_PATTERN.exec(financialYear);
  return match && Number(match[1]) >= 2025 ? '2025/26' : '2023-25';
}
