// The national view (issue 8): a page of every scheme line the reader can see, and the totals by scheme type. Coded
// columns (scheme type, area of spend, source of funding) are filtered by what people read, their names, so a filter
// is first turned into the codes whose name matches, then applied in SQL.
import type { DB } from '../../db/connection';
import { listBcfYears, listFundingStreams } from '../../db/repositories/bcf-year.repository';
import { listFundingSources } from '../../db/repositories/fund.repository';
import {
  pageNationalLines,
  totalsByBcfYear,
  totalsBySchemeType,
  type NationalCodedField,
  type NationalConditions,
  type NationalTextField,
  type Visible,
} from '../../db/repositories/national.repository';
import { listReferenceItems } from '../../db/repositories/reference.repository';
import { bcfYearFor, type YearSpan } from '../../shared/bcf-year';
import { sumPence } from '../../shared/money';
import type { NationalLinesInput, NationalLinesPage, NationalRollup, NationalRollupInput, TextFilter } from '../../shared/national';
import type { SignedInUser } from '../../shared/types';

/** An admin reads every partnership; anyone else those their organisations belong to (server/policy.ts). */
export function visibleTo(user: SignedInUser, partnershipIds: ReadonlySet<number>): Visible {
  return user.role === 'admin' ? 'all' : partnershipIds;
}

/** The names of codes: reference items and funding streams by BCF year, list and code; funding sources by code (the
 * catalogue, for a code no year lists); the years held, newest first. */
interface Names {
  reference: Map<string, string>;
  sources: Map<string, string>;
  years: YearSpan[];
}

async function loadNames(db: DB): Promise<Names> {
  const [items, streams, sources, years] = await Promise.all([
    listReferenceItems(db),
    listFundingStreams(db),
    listFundingSources(db),
    listBcfYears(db),
  ]);
  return {
    reference: new Map([
      ...items.map((i) => [`${i.bcfYear}|${i.list}|${i.code}`, i.name] as const),
      ...streams.map((s) => [`${s.bcfYear}|funding_stream|${s.code}`, s.name] as const),
    ]),
    sources: new Map(sources.map((s) => [s.code, s.name])),
    years: [...years].reverse(),
  };
}

const LIST_OF: Record<NationalCodedField, string> = {
  schemeType: 'scheme_type',
  areaOfSpend: 'area_of_spend',
  fundingSource: 'funding_stream',
};

/** What a person reads for a code: its name in the list of the line's BCF year, or in the newest year that has it
 * (a funding source no year lists: the catalogue's name). */
function nameOf(names: Names, field: NationalCodedField, code: string | null, bcfYear?: string): string | null {
  if (code === null) return null;
  const years = [...(bcfYear ? [bcfYear] : []), ...names.years.map((y) => y.code)];
  for (const year of years) {
    const name = names.reference.get(`${year}|${LIST_OF[field]}|${code}`);
    if (name) return name;
  }
  return (field === 'fundingSource' ? names.sources.get(code) : undefined) ?? code;
}

function textMatches(filter: TextFilter, text: string): boolean {
  const [have, want] = [text.toLowerCase(), filter.value.toLowerCase()];
  switch (filter.op) {
    case 'contains':
    case 'notContains':
      return have.includes(want);
    case 'equals':
    case 'notEqual':
      return have === want;
    case 'startsWith':
      return have.startsWith(want);
    case 'endsWith':
      return have.endsWith(want);
  }
}

/** Every code of a coded column whose name (in any BCF year) or code matches the filter's positive form. */
function matchingCodes(names: Names, field: NationalCodedField, filter: TextFilter): string[] {
  const candidates: [string, string][] = [
    ...(field === 'fundingSource' ? names.sources : []),
    ...[...names.reference].flatMap(([key, name]) => {
      const [, list, code] = key.split('|');
      return list === LIST_OF[field] && code ? [[code, name] as [string, string]] : [];
    }),
  ];
  const codes = new Set<string>();
  for (const [code, name] of candidates) if (textMatches(filter, name) || textMatches(filter, code)) codes.add(code);
  return [...codes];
}

const TEXT_FIELDS: NationalTextField[] = ['partnership', 'financialYear', 'code', 'name'];
const CODED_FIELDS: NationalCodedField[] = ['schemeType', 'areaOfSpend', 'fundingSource'];

function conditionsOf(input: NationalLinesInput, visible: Visible, names: Names): NationalConditions {
  const filter = input.filter ?? {};
  const negated = (f: TextFilter) => f.op === 'notContains' || f.op === 'notEqual';
  return {
    visible,
    text: TEXT_FIELDS.flatMap((field) => {
      const f = filter[field];
      return f && f.value !== '' ? [{ field, filter: f }] : [];
    }),
    codes: CODED_FIELDS.flatMap((field) => {
      const f = filter[field];
      return f && f.value !== '' ? [{ field, include: !negated(f), codes: matchingCodes(names, field, f) }] : [];
    }),
    money: (['plannedPence', 'actualPence'] as const).flatMap((field) => {
      const f = filter[field];
      return f ? [{ field, filter: f }] : [];
    }),
  };
}

export async function nationalLines(db: DB, visible: Visible, input: NationalLinesInput): Promise<NationalLinesPage> {
  const names = await loadNames(db);
  const { rows, total } = await pageNationalLines(db, conditionsOf(input, visible, names), input);
  return {
    total,
    rows: rows.map(({ bcfYear, ...row }) => {
      const year = bcfYear ?? bcfYearFor(row.financialYear, names.years)?.code;
      return {
        ...row,
        schemeType: nameOf(names, 'schemeType', row.schemeType, year),
        areaOfSpend: nameOf(names, 'areaOfSpend', row.areaOfSpend, year),
        fundingSource: nameOf(names, 'fundingSource', row.fundingSource, year),
      };
    }),
  };
}

export async function nationalRollup(db: DB, visible: Visible, input: NationalRollupInput): Promise<NationalRollup> {
  const [names, totals, byYear, years] = await Promise.all([
    loadNames(db),
    totalsBySchemeType(db, visible, input.financialYear),
    totalsByBcfYear(db, visible),
    listBcfYears(db),
  ]);
  const yearOrder = years.map((y) => y.code);
  const labels = new Map(years.map((y) => [y.code, y.label]));
  const byBcfYear = byYear
    .map((t) => ({ ...t, label: labels.get(t.bcfYear) ?? t.bcfYear }))
    .sort((a, b) => yearOrder.indexOf(a.bcfYear) - yearOrder.indexOf(b.bcfYear));
  const year = input.financialYear ? bcfYearFor(input.financialYear, names.years)?.code : undefined;
  const rows = totals
    .map((t) => ({ ...t, name: nameOf(names, 'schemeType', t.schemeType, year) ?? 'No scheme type' }))
    .sort((a, b) => b.plannedPence - a.plannedPence || a.name.localeCompare(b.name));
  return {
    financialYear: input.financialYear ?? null,
    byBcfYear,
    rows,
    schemes: rows.reduce((n, r) => n + r.schemes, 0),
    plannedPence: sumPence(rows.map((r) => r.plannedPence)),
    actualPence: sumPence(rows.map((r) => r.actualPence)),
  };
}
