// Which BCF year a fund of a financial year belongs to, and what follows a year, decided from the years held as data
// (table bcf_year, shared/schema/bcf-year.ts), never from a constant list. Financial years written "2025/26" sort as
// text in date order (2000/01 to 2099/00), so comparisons here are plain string comparisons.
import { FINANCIAL_YEAR_PATTERN } from './financial-year';

/** What the rules need of a BCF year. */
export interface YearSpan {
  code: string;
  firstFinancialYear: string;
  lastFinancialYear: string;
}

/** The BCF year a new fund of `financialYear` uses by default: the year covering it, else the latest year that began
 * before it (its lists carry on until a later year is opened), else undefined (no year held began by then). */
export function bcfYearFor<Y extends YearSpan>(financialYear: string, years: readonly Y[]): Y | undefined {
  const covering = years.find((y) => y.firstFinancialYear <= financialYear && financialYear <= y.lastFinancialYear);
  if (covering) return covering;
  return [...years]
    .filter((y) => y.firstFinancialYear <= financialYear)
    .sort((a, b) => b.firstFinancialYear.localeCompare(a.firstFinancialYear))[0];
}

/** The year after `code` (the one whose first financial year comes next), or undefined when it is the latest held. */
export function nextBcfYear<Y extends YearSpan>(code: string, years: readonly Y[]): Y | undefined {
  const year = years.find((y) => y.code === code);
  if (!year) return undefined;
  return [...years]
    .filter((y) => y.firstFinancialYear > year.lastFinancialYear)
    .sort((a, b) => a.firstFinancialYear.localeCompare(b.firstFinancialYear))[0];
}

/** The year before `code`, or undefined when it is the earliest held. */
export function previousBcfYear<Y extends YearSpan>(code: string, years: readonly Y[]): Y | undefined {
  const year = years.find((y) => y.code === code);
  if (!year) return undefined;
  return [...years]
    .filter((y) => y.lastFinancialYear < year.firstFinancialYear)
    .sort((a, b) => b.lastFinancialYear.localeCompare(a.lastFinancialYear))[0];
}

/** The financial year after `financialYear`: "2025/26" -> "2026/27". */
export function nextFinancialYear(financialYear: string): string {
  const match = FINANCIAL_YEAR_PATTERN.exec(financialYear);
  if (!match) throw new Error(`not a financial year: ${financialYear}`);
  const start = Number(match[1]) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Why a year's span is wrong (last before first), or null. */
export function yearSpanProblem(span: Pick<YearSpan, 'firstFinancialYear' | 'lastFinancialYear'>): string | null {
  return span.lastFinancialYear < span.firstFinancialYear
    ? `Last financial year ${span.lastFinancialYear} is before the first, ${span.firstFinancialYear}`
    : null;
}

/** The refusal of a funding-stream code a fund's BCF year does not list, as every write path words it:
 * "Funding source 'la_bcf' is not a funding stream of BCF year 2025/26". `label` is the field as the caller knows it
 * (a contribution's "Funding source", a scheme's "Source of funding"); `names` the streams the year does list. */
export function notAStreamOfYear(label: string, code: string, bcfYear: string, names: readonly string[]): string {
  const choices = names.length > 0 ? `: choose one of ${names.join(', ')}` : '';
  return `${label} '${code}' is not a funding stream of BCF year ${bcfYear}${choices}`;
}
