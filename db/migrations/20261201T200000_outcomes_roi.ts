// Outcomes and return on investment (issue 7): metric definitions per BCF year, outcome values per fund (or scheme)
// and quarter, unit costs, evidence items, and the benefit lines of each scheme's appraisal. Metrics, unit costs and
// evidence are reference data and seeded here, so an empty deployment (BCF_DEMO=0) has them too. Frozen once shipped:
// never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { autoId, bigInteger } from './dialect';

type MetricSeed = [code: string, name: string, unit: 'count' | 'percent' | 'per_100000', polarity: 'lower' | 'higher', source: string, lag: number];

// research/bcf-domain.md 2.5; the 2023-25 set is partly from memory of the templates, the 2025/26 set is "three core
// metrics": each data source says to verify the definition. Admins correct them through metrics.update.
const METRICS: Record<string, MetricSeed[]> = {
  '2023-25': [
    ['avoidable_admissions', 'Avoidable admissions: unplanned hospitalisation for chronic ambulatory care sensitive conditions', 'per_100000', 'lower', 'NHS Outcomes Framework 2.3.i (SUS); verify the definition against the year’s template', 3],
    ['falls', 'Emergency hospital admissions due to falls, people aged 65+', 'per_100000', 'lower', 'PHOF 2.24i (HES); verify the definition against the year’s template', 6],
    ['discharge_usual_residence', 'Discharge to usual place of residence', 'percent', 'higher', 'SUS; verify the definition against the year’s template', 2],
    ['residential_admissions', 'Long-term admissions of people aged 65+ to residential and nursing care', 'per_100000', 'lower', 'ASCOF 2A (SALT); verify the definition against the year’s template', 12],
    ['reablement_91_days', 'Older people still at home 91 days after discharge into reablement', 'percent', 'higher', 'ASCOF 2B (SALT STS004); verify the definition against the year’s template', 12],
  ],
  '2025/26': [
    ['emergency_admissions_65', 'Emergency admissions of people aged 65+', 'per_100000', 'lower', 'SUS; verify the definition against the year’s template', 2],
    ['discharge_delay_days', 'Average length of discharge delay for acute adult patients, in days', 'count', 'lower', 'NHS England discharge data; verify the definition against the year’s template', 2],
    ['residential_admissions', 'Long-term admissions of people aged 65+ to residential and nursing care', 'per_100000', 'lower', 'ASCOF 2A (SALT); verify the definition against the year’s template', 12],
  ],
};

// domain.md "Return on investment", with the sources research/bcf-domain.md gives.
const UNIT_COSTS: [item: string, pence: number, priceYear: string, source: string][] = [
  ['Emergency hospital admission for a fall, person aged 65+', 408_800, '2022/23', 'About £4,088 per fall admission: North Tyneside JSNA (falls), citing 2022/23 figures; https://beta.northtyneside.gov.uk/index.php/public-health-and-wellbeing/joint-strategic-needs-assessment-jsna/falls'],
  ['Emergency hospital bed-day (illustrative)', 40_000, '2008/09', 'Illustrative round figure used in the POPP worked example; use the current PSSRU Unit Costs of Health and Social Care for real appraisals'],
  ['Residential care placement for a person aged 65+, one year (illustrative)', 5_200_000, '2024/25', 'Illustrative: about £1,000 a week; use the current PSSRU Unit Costs of Health and Social Care or local fee rates for real appraisals'],
];

const EVIDENCE: [claim: string, kind: 'per_pound' | 'pence', value: number, low: number | null, high: number | null, publication: string, url: string][] = [
  ['POPP: £0.73 saved on emergency hospital bed-days for every £1 spent', 'per_pound', 7_300, null, null, 'Department of Health, POPP interim progress report (2008)', 'https://www.emaxhealth.com/2/28/25872/national-scheme-improved-older-people-039-s-quality-life.html'],
  ['POPP: about £1.20 saved on emergency bed-days for every extra £1 spent (range £0.80-£1.60)', 'per_pound', 12_000, 8_000, 16_000, 'Windle et al., National evaluation of Partnerships for Older People Projects: final report, PSSRU (December 2009, published January 2010)', 'https://essenceproject.uk/evidence/national-evaluation-of-partnerships-for-older-people-projects-final-report/'],
];

const stamped = (t: { addColumn: (name: string, type: 'integer' | 'text', build?: (c: any) => any) => any }) =>
  t
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer');

export async function up(db: Kysely<any>): Promise<void> {
  await stamped(
    db.schema
      .createTable('metric')
      .addColumn('id', ...autoId(db))
      .addColumn('bcf_year', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('polarity', 'text', (c) => c.notNull())
      .addColumn('data_source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('lag_months', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('metric_code_unique', ['bcf_year', 'code']),
  ).execute();

  // Baseline, target and actual are hundredths of the metric's unit (shared/metric-status.ts); the actual may come
  // from its numerator and denominator, kept so the rate can be checked.
  await stamped(
    db.schema
      .createTable('outcome')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('scheme_id', 'integer', (c) => c.references('scheme.id'))
      .addColumn('metric_id', 'integer', (c) => c.notNull().references('metric.id'))
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('baseline', bigInteger(db))
      .addColumn('target', bigInteger(db))
      .addColumn('actual', bigInteger(db))
      .addColumn('actual_numerator', bigInteger(db))
      .addColumn('actual_denominator', bigInteger(db))
      .addColumn('narrative', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('outcome_fund').on('outcome').column('fund_id').execute();

  await stamped(
    db.schema
      .createTable('unit_cost')
      .addColumn('id', ...autoId(db))
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('pence', bigInteger(db), (c) => c.notNull())
      .addColumn('price_year', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull()),
  ).execute();

  await stamped(
    db.schema
      .createTable('evidence_item')
      .addColumn('id', ...autoId(db))
      .addColumn('claim', 'text', (c) => c.notNull())
      .addColumn('value_kind', 'text', (c) => c.notNull())
      .addColumn('value', bigInteger(db), (c) => c.notNull())
      .addColumn('low', bigInteger(db))
      .addColumn('high', bigInteger(db))
      .addColumn('publication', 'text', (c) => c.notNull())
      .addColumn('url', 'text'),
  ).execute();

  // A benefit line of a scheme's appraisal: `activity_per_year` of the unit cost avoided in each of `years` years from
  // `start_year` (0 = the fund's year), saved by `party`, adjusted (basis points) and resting on an evidence item.
  await stamped(
    db.schema
      .createTable('roi_benefit')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('scheme_id', 'integer', (c) => c.notNull().references('scheme.id'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('unit_cost_id', 'integer', (c) => c.notNull().references('unit_cost.id'))
      .addColumn('start_year', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('years', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('activity_per_year', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('health_value', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('evidence_id', 'integer', (c) => c.references('evidence_item.id'))
      .addColumn('deadweight_bp', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attribution_bp', 'integer', (c) => c.notNull().defaultTo(10000))
      .addColumn('optimism_bias_bp', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('drop_off_bp', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('roi_benefit_fund').on('roi_benefit').column('fund_id').execute();

  const at = new Date().toISOString();
  for (const [bcfYear, metrics] of Object.entries(METRICS)) {
    for (const [code, name, unit, polarity, dataSource, lagMonths] of metrics) {
      await sql`INSERT INTO metric (bcf_year, code, name, unit, polarity, data_source, lag_months, updated_at)
        VALUES (${bcfYear}, ${code}, ${name}, ${unit}, ${polarity}, ${dataSource}, ${lagMonths}, ${at})`.execute(db);
    }
  }
  for (const [item, pence, priceYear, source] of UNIT_COSTS) {
    await sql`INSERT INTO unit_cost (item, pence, price_year, source, updated_at) VALUES (${item}, ${pence}, ${priceYear}, ${source}, ${at})`.execute(db);
  }
  for (const [claim, kind, value, low, high, publication, url] of EVIDENCE) {
    await sql`INSERT INTO evidence_item (claim, value_kind, value, low, high, publication, url, updated_at)
      VALUES (${claim}, ${kind}, ${value}, ${low}, ${high}, ${publication}, ${url}, ${at})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['roi_benefit', 'evidence_item', 'unit_cost', 'outcome', 'metric']) await db.schema.dropTable(table).execute();
}
