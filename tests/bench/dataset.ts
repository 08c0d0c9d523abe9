// The bench's national dataset: every Health and Wellbeing Board's Better Care Fund for ten years, written straight
// into a freshly migrated SQLite file with prepared statements (fixture data, like a migration's seed: a million rows
// through the audited write path would take longer than the whole bench). Everything measured afterwards goes
// through the real code.
import SQLite from 'better-sqlite3';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { random, type Random } from './prng';

export const FINANCIAL_YEARS = Array.from({ length: 10 }, (_, i) => `${2016 + i}/${String(17 + i).padStart(2, '0')}`);
export const CURRENT_YEAR = '2025/26';
const FUND_NAME = 'Better Care Fund';

/** Each partner's funding streams (domain.md) up to 2024/25 (the 2023-25 lists): the council's grants and the ICB's
 * NHS money. */
const COUNCIL_SOURCES = ['la_bcf', 'dfg', 'discharge_la', 'additional_la', 'carry_forward'];
const ICB_SOURCES = ['nhs_minimum', 'discharge_icb', 'additional_icb', 'partner_contribution', 'other'];
/** From 2025/26 (the 2025/26 lists): the discharge funding folded into the NHS minimum and the Better Care Grant. */
const COUNCIL_SOURCES_2025 = ['la_better_care_grant', 'dfg', 'additional_la', 'carry_forward', 'other'];
const ICB_SOURCES_2025 = ['nhs_minimum', 'additional_icb', 'partner_contribution', 'other', 'carry_forward'];
/** The ten funding sources of the 2023-25 lists, for the import pools whose partners can pay from any of them (the
 * pools' funds name BCF year 2023-25, whose lists hold all ten, so a file keeps its largest size). */
export const ALL_SOURCES = [...ICB_SOURCES, ...COUNCIL_SOURCES];
const sourcesOf = (financialYear: string) =>
  bcfYearOf(financialYear) === '2025/26'
    ? { council: COUNCIL_SOURCES_2025, icb: ICB_SOURCES_2025 }
    : { council: COUNCIL_SOURCES, icb: ICB_SOURCES };

export interface DatasetOptions {
  partnerships: number;
  icbs: number;
  /** Scheme lines per fund, on average (each fund gets between 0.8x and 1.2x). */
  schemesPerFund: number;
  /** The lines of the one big fund whose Plan page the browser opens. */
  bigFundSchemes: number;
  /** Partners of the import pool; its files have partners x 10 sources x 4 quarters lines each. */
  importPartners: number;
  /** How many import files of each kind (CSV, xlsx) and how many funds each kind needs. */
  importFunds: number;
  seed: number;
}

export const FULL_SIZE: DatasetOptions = {
  partnerships: 153,
  icbs: 42,
  schemesPerFund: 150,
  bigFundSchemes: 2_000,
  importPartners: 500,
  importFunds: 5,
  seed: 20261201,
};

export interface CouncilFund {
  orgId: number;
  partnershipId: number;
  fundId: number;
}

export interface Dataset {
  file: string;
  counts: Record<string, number>;
  /** A typical partnership and its current fund: the summary, the dashboard and the single-user edits use it. */
  typical: { partnershipId: number; fundId: number; councilOrgId: number };
  /** The fund with `bigFundSchemes` lines, and its planned total in pence (what the Plan page's totals row shows). */
  bigFund: { fundId: number; lines: number; plannedPence: number };
  /** Each council with its partnership's current fund, for the finance officers who edit concurrently. */
  councils: CouncilFund[];
  importPool: {
    partnershipId: number;
    partnerNames: string[];
    csvFundIds: number[];
    xlsxFundIds: number[];
    rawFundIds: number[];
    rawAuditedFundIds: number[];
  };
  seconds: number;
}

const PREFIXES = [
  'North',
  'South',
  'East',
  'West',
  'Upper',
  'Lower',
  'Great',
  'Little',
  'New',
  'Old',
  'High',
  'Nether',
  'Long',
  'Kings',
  'Market',
];
const STEMS = [
  'ash',
  'brook',
  'thorn',
  'wold',
  'mere',
  'holm',
  'stan',
  'calder',
  'bram',
  'wex',
  'tam',
  'dun',
  'sel',
  'alder',
  'hart',
  'mar',
  'ox',
  'wil',
  'ken',
  'ribble',
];
const ENDS = [
  'ford',
  'bridge',
  'ham',
  'ley',
  'ton',
  'wick',
  'by',
  'field',
  'mouth',
  'stead',
  'worth',
  'bury',
  'chester',
  'dale',
  'minster',
];

function placeNames(r: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const stem = r.pick(STEMS);
    const base = `${stem.charAt(0).toUpperCase()}${stem.slice(1)}${r.pick(ENDS)}`;
    names.add(r.next() < 0.3 ? `${r.pick(PREFIXES)} ${base}` : base);
  }
  return [...names];
}

/** Whole pence spread over four quarters that add up to the year exactly (the remainder in Q4). */
function quarters(totalPence: number): number[] {
  const each = Math.floor(totalPence / 4);
  return [each, each, each, totalPence - 3 * each];
}

/** How much of a quarter's plan was spent: nothing yet for the current year's last two quarters. */
function actualOf(r: Random, year: string, quarter: number, plannedPence: number): number {
  if (year === CURRENT_YEAR && quarter > 2) return 0;
  return Math.round(plannedPence * (0.8 + r.next() * 0.3));
}

interface ReferenceCodes {
  schemeTypes: string[];
  subTypes: Map<string, string[]>;
  areas: string[];
  providerTypes: string[];
}

function referenceCodes(sqlite: SQLite.Database): Map<string, ReferenceCodes> {
  const rows = sqlite.prepare('SELECT bcf_year, list, code, parent_code FROM reference_item ORDER BY sort_order').all() as {
    bcf_year: string;
    list: string;
    code: string;
    parent_code: string | null;
  }[];
  const byYear = new Map<string, ReferenceCodes>();
  for (const row of rows) {
    const codes: ReferenceCodes = byYear.get(row.bcf_year) ?? { schemeTypes: [], subTypes: new Map(), areas: [], providerTypes: [] };
    byYear.set(row.bcf_year, codes);
    if (row.list === 'scheme_type') codes.schemeTypes.push(row.code);
    else if (row.list === 'area_of_spend') codes.areas.push(row.code);
    else if (row.list === 'provider_type') codes.providerTypes.push(row.code);
    else if (row.list === 'sub_type' && row.parent_code) {
      codes.subTypes.set(row.parent_code, [...(codes.subTypes.get(row.parent_code) ?? []), row.code]);
    }
  }
  return byYear;
}

/** The fixture's BCF year of a financial year: the years the migration holds (2023-25, and 2025/26 from 2025/26). */
function bcfYearOf(financialYear: string): string {
  return Number(financialYear.slice(0, 4)) >= 2025 ? '2025/26' : '2023-25';
}

/** Build the dataset into `file` (which must not exist yet). */
export async function generateDataset(file: string, options: DatasetOptions = FULL_SIZE): Promise<Dataset> {
  const started = performance.now();
  const kysely = openDatabase(file);
  await migrateToLatest(kysely);
  await kysely.destroy();

  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const r = random(options.seed);
  const at = '2026-01-15T09:00:00.000Z';
  const reference = referenceCodes(sqlite);
  const metricRows = sqlite.prepare('SELECT id, bcf_year FROM metric').all() as { id: number; bcf_year: string }[];

  const insertOrg = sqlite.prepare('INSERT INTO organisation (name, sector, kind, ons_code, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertPartnership = sqlite.prepare(
    "INSERT INTO partnership (name, area, arrangement, host_org_id, notes, created_at) VALUES (?, ?, 'pooled_fund', ?, '', ?)",
  );
  const insertMember = sqlite.prepare('INSERT INTO partnership_member (partnership_id, org_id) VALUES (?, ?)');
  const insertFund = sqlite.prepare('INSERT INTO fund (partnership_id, name, financial_year, bcf_year, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertContribution = sqlite.prepare(
    "INSERT INTO contribution (fund_id, org_id, source, quarter, planned_pence, actual_pence, note, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', 1, ?)",
  );
  const insertBatch = sqlite.prepare(
    "INSERT INTO batch (id, at, user_id, kind, label, fund_id) VALUES (?, ?, NULL, 'seed', 'National dataset (bench fixture)', ?)",
  );
  const insertAudit = sqlite.prepare(
    "INSERT INTO audit_event (batch_id, at, user_id, entity, entity_id, action, field, old_value, new_value, version_before, version_after, fund_id, partnership_id) VALUES (?, ?, NULL, 'contribution', ?, 'create', ?, NULL, ?, NULL, 1, ?, ?)",
  );
  const insertScheme = sqlite.prepare(
    `INSERT INTO scheme (fund_id, code, name, scheme_type, sub_type, sub_type_other, area_of_spend, commissioner, nhs_share_bp, la_share_bp,
       provider_type, provider_name, funding_source, output_quantity, output_unit, is_new, planned_total_pence,
       actual_total_pence, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const insertSpend = sqlite.prepare('INSERT INTO expenditure (scheme_id, quarter, planned_pence, actual_pence) VALUES (?, ?, ?, ?)');
  const insertOutcome = sqlite.prepare(
    "INSERT INTO outcome (fund_id, scheme_id, metric_id, quarter, baseline, target, actual, narrative, version, updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?, '', 1, ?)",
  );
  const id = (result: SQLite.RunResult) => Number(result.lastInsertRowid);
  const counts: Record<string, number> = {
    organisations: 0,
    partnerships: 0,
    funds: 0,
    schemes: 0,
    expenditureLines: 0,
    contributions: 0,
    auditEvents: 0,
    outcomes: 0,
  };

  /** A fund's contributions (each partner's sources by quarter), audited as created by one seed batch. */
  const contributionsOf = (fundId: number, partnershipId: number, year: string, partners: [number, string[]][]) => {
    const batchId = `bench-seed-${fundId}`;
    insertBatch.run(batchId, at, fundId);
    for (const [orgId, sources] of partners) {
      for (const source of sources) {
        const annual = r.pounds(50_000, source === 'nhs_minimum' ? 40_000_000 : 4_000_000) * 100;
        for (const [i, planned] of quarters(annual).entries()) {
          const actual = actualOf(r, year, i + 1, planned);
          const rowId = id(insertContribution.run(fundId, orgId, source, i + 1, planned, actual, at));
          const values: [string, unknown][] = [
            ['fundId', fundId],
            ['orgId', orgId],
            ['source', source],
            ['quarter', i + 1],
            ['plannedPence', planned],
            ['actualPence', actual],
            ['note', ''],
          ];
          for (const [field, value] of values) insertAudit.run(batchId, at, rowId, field, JSON.stringify(value), fundId, partnershipId);
          counts.contributions = (counts.contributions ?? 0) + 1;
          counts.auditEvents = (counts.auditEvents ?? 0) + values.length;
        }
      }
    }
  };

  /** A fund's plan: `lines` schemes of the fund's BCF year's lists, each with four quarters of spend. */
  const schemesOf = (fundId: number, financialYear: string, lines: number): number => {
    const codes = reference.get(bcfYearOf(financialYear));
    if (!codes) throw new Error(`no reference lists for ${financialYear}`);
    let plannedTotal = 0;
    for (let i = 0; i < lines; i++) {
      const type = r.pick(codes.schemeTypes);
      const subTypes = codes.subTypes.get(type);
      const commissioner = r.pick(['la', 'icb', 'icb', 'joint']);
      const nhsShare = commissioner === 'joint' ? r.int(2, 8) * 1000 : null;
      const subType = subTypes ? r.pick(subTypes) : null;
      const planned = quarters(r.pounds(5_000, 3_000_000) * 100);
      const actual = planned.map((pence, q) => actualOf(r, financialYear, q + 1, pence));
      const sum = (pence: number[]) => pence.reduce((a, b) => a + b, 0);
      const schemeId = id(
        insertScheme.run(
          fundId,
          String(i + 1),
          `${type.replace(/_/g, ' ')} ${i + 1}`,
          type,
          subType,
          // A submitted plan passes the template's checks: "please specify" is filled in for every Other.
          type === 'other' || subType === 'other' ? 'Local scheme' : '',
          r.pick(codes.areas),
          commissioner,
          nhsShare,
          nhsShare === null ? null : 10_000 - nhsShare,
          r.pick(codes.providerTypes),
          `Provider ${r.int(1, 400)}`,
          r.pick([...sourcesOf(financialYear).icb, ...sourcesOf(financialYear).council]),
          r.int(10, 2_000),
          'people',
          r.next() < 0.2 ? 1 : 0,
          sum(planned),
          sum(actual),
          at,
        ),
      );
      for (const [q, pence] of planned.entries()) insertSpend.run(schemeId, q + 1, pence, actual[q] ?? 0);
      plannedTotal += sum(planned);
      counts.schemes = (counts.schemes ?? 0) + 1;
      counts.expenditureLines = (counts.expenditureLines ?? 0) + 4;
    }
    return plannedTotal;
  };

  const outcomesOf = (fundId: number, financialYear: string) => {
    for (const metric of metricRows.filter((m) => m.bcf_year === bcfYearOf(financialYear))) {
      const baseline = r.int(50_000, 250_000);
      for (let quarter = 1; quarter <= 4; quarter++) {
        const target = Math.round(baseline * 0.97);
        const actual = financialYear === CURRENT_YEAR && quarter > 2 ? null : Math.round(baseline * (0.9 + r.next() * 0.15));
        insertOutcome.run(fundId, metric.id, quarter, baseline, target, actual, at);
        counts.outcomes = (counts.outcomes ?? 0) + 1;
      }
    }
  };

  const dataset = sqlite.transaction(() => {
    const places = placeNames(r, options.partnerships + options.icbs);
    const icbIds = places
      .slice(options.partnerships)
      .map((place, i) =>
        id(
          insertOrg.run(`NHS ${place} Integrated Care Board`, 'health', 'Integrated care board', `E5400${String(i).padStart(4, '0')}`, at),
        ),
      );
    const councils: CouncilFund[] = [];
    let bigFund = { fundId: 0, lines: 0, plannedPence: 0 };
    for (const [p, place] of places.slice(0, options.partnerships).entries()) {
      const councilId = id(insertOrg.run(`${place} Council`, 'social_care', 'Unitary authority', `E0600${String(p).padStart(4, '0')}`, at));
      const icbId = icbIds[p % icbIds.length] ?? 0;
      const partnershipId = id(insertPartnership.run(`${place} Health and Wellbeing Board`, place, councilId, at));
      insertMember.run(partnershipId, councilId);
      insertMember.run(partnershipId, icbId);
      for (const year of FINANCIAL_YEARS) {
        const fundId = id(insertFund.run(partnershipId, FUND_NAME, year, bcfYearOf(year), at));
        contributionsOf(fundId, partnershipId, year, [
          [councilId, sourcesOf(year).council],
          [icbId, sourcesOf(year).icb],
        ]);
        const big = p === 0 && year === CURRENT_YEAR;
        const lines = big ? options.bigFundSchemes : Math.round(options.schemesPerFund * (0.8 + r.next() * 0.4));
        const planned = schemesOf(fundId, year, lines);
        if (big) bigFund = { fundId, lines, plannedPence: planned };
        outcomesOf(fundId, year);
        if (year === CURRENT_YEAR) councils.push({ orgId: councilId, partnershipId, fundId });
      }
    }

    // The import pool: many small providers in one pooled budget, so one file of the largest size an import takes
    // (partners x sources x quarters) fits one fund. No contributions yet: the bench imports them.
    const partnerNames = Array.from({ length: options.importPartners }, (_, i) => `Care Provider ${String(i + 1).padStart(3, '0')} Ltd`);
    const partnerIds = partnerNames.map((name) => id(insertOrg.run(name, 'other', 'Care provider', null, at)));
    const importPartnershipId = id(insertPartnership.run('Regional Care Providers Pool', 'Region', partnerIds[0] ?? null, at));
    for (const orgId of partnerIds) insertMember.run(importPartnershipId, orgId);
    const years = FINANCIAL_YEARS.slice(-options.importFunds);
    const poolFunds = (name: string) => years.map((year) => id(insertFund.run(importPartnershipId, name, year, '2023-25', at)));
    const importPool = {
      partnershipId: importPartnershipId,
      partnerNames,
      csvFundIds: poolFunds('Pooled fund (CSV import)'),
      xlsxFundIds: poolFunds('Pooled fund (xlsx import)'),
      rawFundIds: poolFunds('Pooled fund (raw insert)'),
      rawAuditedFundIds: poolFunds('Pooled fund (raw insert with audit)'),
    };
    const [first] = councils;
    if (!first) throw new Error('no partnerships generated');
    // The typical partnership: not the one holding the big fund.
    const typical = councils[1] ?? first;
    return { councils, bigFund, importPool, typical };
  })();

  for (const [table, key] of [
    ['organisation', 'organisations'],
    ['partnership', 'partnerships'],
    ['fund', 'funds'],
  ] as const) {
    counts[key] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  // No ANALYZE: the app never runs it, so the query plans measured are the ones a real deployment gets.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return {
    file,
    counts,
    typical: { partnershipId: dataset.typical.partnershipId, fundId: dataset.typical.fundId, councilOrgId: dataset.typical.orgId },
    bigFund: dataset.bigFund,
    councils: dataset.councils,
    importPool: dataset.importPool,
    seconds: (performance.now() - started) / 1000,
  };
}
