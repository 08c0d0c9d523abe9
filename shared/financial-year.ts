// Financial years run 1 April to 31 March and are written "2025/26"; Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec,
// Q4 = Jan-Mar (design rule 6).

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

const QUARTER_MONTHS: Record<Quarter, string> = { 1: 'Apr-Jun', 2: 'Jul-Sep', 3: 'Oct-Dec', 4: 'Jan-Mar' };

export const FINANCIAL_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

/** Why a text is not a financial year, or null when it is one ("2025/26": the second part is the next year). */
export function financialYearProblem(text: string): string | null {
  const match = FINANCIAL_YEAR_PATTERN.exec(text);
  if (!match) return 'must be written like 2025/26';
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start < 2000 || start > 2099) return 'must start in a year from 2000 to 2099';
  if ((start + 1) % 100 !== end) return `must be two consecutive years, like ${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  return null;
}

export function isFinancialYear(text: string): boolean {
  return financialYearProblem(text) === null;
}

/** The financial year a date falls in: 2026-03-31 -> "2025/26", 2026-04-01 -> "2026/27". */
export function financialYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 3 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The quarter of its financial year a date falls in. */
export function quarterOf(date: Date): Quarter {
  const month = date.getUTCMonth(); // 0 = January
  return (month >= 3 ? Math.floor((month - 3) / 3) + 1 : 4) as Quarter;
}

export function quarterLabel(quarter: number): string {
  const months = QUARTER_MONTHS[quarter as Quarter];
  return months ? `Q${quarter} (${months})` : `Q${quarter}`;
}

/** The previous financial year: "2025/26" -> "2024/25" (its baseline year, shared/nhs-minimum.ts). */
export function previousFinancialYear(financialYear: string): string {
  const start = Number(financialYear.slice(0, 4)) - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The next financial year: "2025/26" -> "2026/27". */
export function nextFinancialYear(financialYear: string): string {
  const start = Number(financialYear.slice(0, 4)) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
