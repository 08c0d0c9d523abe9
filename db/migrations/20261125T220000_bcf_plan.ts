// The BCF plan (issue "The BCF plan"): reference lists per BCF planning year (seeded for 2023-25 and 2025/26), the
// fund's plan settings (BCF year, ring-fence minimums, variance thresholds), schemes with their spend by quarter, and
// named snapshots of a fund's plan. Frozen once shipped: never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { autoId, bigInteger, penceColumn } from './dialect';

type Item = [code: string, name: string, parentCode?: string];

// Items marked (verify) are from memory of the national planning templates (domain.md: "hold them as reference data
// per BCF year"); admins correct them through reference.update without a release.

// 2023-25 planning template: 19 scheme types (verify the exact wording).
const SCHEME_TYPES_2023_25: Item[] = [
  ['assistive_tech', 'Assistive Technologies and Equipment'],
  ['care_act', 'Care Act Implementation Related Duties'],
  ['carers', 'Carers Services'],
  ['community_based', 'Community Based Schemes'],
  ['dfg', 'DFG Related Schemes'],
  ['enablers', 'Enablers for Integration'],
  ['hicm', 'High Impact Change Model for Managing Transfer of Care'],
  ['home_care', 'Home Care or Domiciliary Care'],
  ['housing', 'Housing Related Schemes'],
  ['care_planning', 'Integrated Care Planning and Navigation'],
  ['bed_based_ic', 'Bed based intermediate Care Services'],
  ['home_based_ic', 'Home-based intermediate care services'],
  ['ucr', 'Urgent Community Response'],
  ['personalised_budgeting', 'Personalised Budgeting and Commissioning'],
  ['personalised_care', 'Personalised Care at Home'],
  ['prevention', 'Prevention / Early Intervention'],
  ['residential', 'Residential Placements'],
  ['workforce', 'Workforce recruitment and retention'],
  ['other', 'Other'],
];

// 2025/26 template: a shorter list (verify every entry).
const SCHEME_TYPES_2025_26: Item[] = [
  ['assistive_tech', 'Assistive technologies and equipment'],
  ['care_act', 'Care Act implementation related duties'],
  ['carers', 'Carers services'],
  ['dfg', 'DFG related schemes'],
  ['enablers', 'Enablers for integration'],
  ['home_care', 'Home care or domiciliary care'],
  ['housing', 'Housing related schemes'],
  ['care_planning', 'Integrated care planning and navigation'],
  ['bed_based_ic', 'Bed-based intermediate care services'],
  ['home_based_ic', 'Home-based intermediate care services'],
  ['ucr', 'Urgent community response'],
  ['personalised_care', 'Personalised care at home'],
  ['prevention', 'Prevention / early intervention'],
  ['residential', 'Residential placements'],
  ['workforce', 'Workforce recruitment and retention'],
  ['other', 'Other'],
];

// A few sub-types per type (verify), each type with sub-types ending in 'other' ("please specify"). Sub-type codes
// are unique within their type, so every type can have its own 'other'.
const SUB_TYPES: Item[] = [
  ['telecare', 'Telecare', 'assistive_tech'],
  ['community_equipment', 'Community based equipment', 'assistive_tech'],
  ['other', 'Other', 'assistive_tech'],
  ['respite', 'Respite services', 'carers'],
  ['carer_advice', 'Carer advice and support', 'carers'],
  ['other', 'Other', 'carers'],
  ['adaptations', 'Adaptations, including statutory DFG grants', 'dfg'],
  ['discretionary_dfg', 'Discretionary use of DFG', 'dfg'],
  ['other', 'Other', 'dfg'],
  ['programme_management', 'Programme management', 'enablers'],
  ['data_integration', 'Data integration', 'enablers'],
  ['other', 'Other', 'enablers'],
  ['domiciliary_care_packages', 'Domiciliary care packages', 'home_care'],
  ['domiciliary_care_workforce', 'Domiciliary care workforce development', 'home_care'],
  ['other', 'Other', 'home_care'],
  ['step_down', 'Step down (discharge to assess pathway 2)', 'bed_based_ic'],
  ['step_up', 'Step up (avoid admission)', 'bed_based_ic'],
  ['other', 'Other', 'bed_based_ic'],
  ['reablement_at_home', 'Reablement at home (to support discharge)', 'home_based_ic'],
  ['rehab_at_home', 'Rehabilitation at home (to prevent admission)', 'home_based_ic'],
  ['other', 'Other', 'home_based_ic'],
  ['care_home_support', 'Care home in-reach and support', 'care_planning'],
  ['care_coordination', 'Care coordination', 'care_planning'],
  ['other', 'Other', 'care_planning'],
  ['social_prescribing', 'Social prescribing', 'prevention'],
  ['community_grants', 'Grants to the voluntary and community sector', 'prevention'],
  ['other', 'Other', 'prevention'],
  ['nursing_home', 'Nursing home', 'residential'],
  ['care_home', 'Care home', 'residential'],
  ['other', 'Other', 'residential'],
];

const AREAS_OF_SPEND: Item[] = [
  ['social_care', 'Social Care'],
  ['community_health', 'Community Health'],
  ['continuing_care', 'Continuing Care'],
  ['primary_care', 'Primary Care'],
  ['acute', 'Acute'],
  ['mental_health', 'Mental Health'],
  ['other', 'Other'],
];

const COMMISSIONERS: Item[] = [
  ['la', 'Local authority'],
  ['icb', 'ICB'],
  ['nhse', 'NHS England'],
  ['joint', 'Joint (% NHS and % LA)'],
];

// Provider types (verify).
const PROVIDER_TYPES: Item[] = [
  ['la', 'Local authority'],
  ['nhs_community', 'NHS community provider'],
  ['nhs_acute', 'NHS acute provider'],
  ['nhs_mental_health', 'NHS mental health provider'],
  ['primary_care', 'Primary care (GP practices, PCNs)'],
  ['private_sector', 'Private sector'],
  ['voluntary', 'Charity / voluntary sector'],
  ['other', 'Other'],
];

// National conditions (verify the wording of each year).
const CONDITIONS_2023_25: Item[] = [
  ['nc1', 'A jointly agreed plan between local health and social care commissioners, signed off by the HWB'],
  ['nc2', 'Implementing the BCF policy objectives'],
  ['nc3', 'Maintaining the NHS’s contribution to adult social care in line with the uplift to the NHS minimum contribution'],
  ['nc4', 'Investment in NHS commissioned out-of-hospital services'],
];
const CONDITIONS_2025_26: Item[] = [
  ['nc1', 'A jointly agreed plan between the ICB and the local authority, signed off by the HWB'],
  ['nc2', 'Implementing the BCF policy objectives'],
  ['nc3', 'Complying with grant and funding conditions, including maintaining the NHS minimum contribution to adult social care'],
  ['nc4', 'Complying with oversight and support processes'],
];

// Metrics (domain.md "Metrics and progress"); the 2025/26 three core metrics are (verify).
const METRICS_2023_25: Item[] = [
  [
    'avoidable_admissions',
    'Avoidable admissions: unplanned hospitalisation for chronic ambulatory care sensitive conditions (per 100,000)',
  ],
  ['falls_65', 'Emergency hospital admissions due to falls, people aged 65 and over (per 100,000)'],
  ['discharge_usual_residence', 'Discharge to usual place of residence (%)'],
  ['residential_admissions_65', 'Long-term admissions to residential and nursing care homes, aged 65 and over (per 100,000)'],
  ['reablement_91_days', 'Older people still at home 91 days after discharge into reablement (%)'],
];
const METRICS_2025_26: Item[] = [
  ['emergency_admissions_65', 'Emergency admissions to hospital, people aged 65 and over (per 100,000)'],
  ['discharge_delay', 'Average length of discharge delay for acute adult patients (days)'],
  ['residential_admissions_65', 'Long-term admissions to residential and nursing care homes, aged 65 and over (per 100,000)'],
];

function rows(bcfYear: string, list: string, items: Item[]) {
  return items.map(([code, name, parentCode], i) => ({
    bcf_year: bcfYear,
    list,
    code,
    name,
    parent_code: parentCode ?? null,
    sort_order: i + 1,
  }));
}

function yearRows(bcfYear: string, schemeTypes: Item[], conditions: Item[], metrics: Item[]) {
  const typeCodes = new Set(schemeTypes.map(([code]) => code));
  return [
    ...rows(bcfYear, 'scheme_type', schemeTypes),
    ...rows(
      bcfYear,
      'sub_type',
      SUB_TYPES.filter(([, , parent]) => parent !== undefined && typeCodes.has(parent)),
    ),
    ...rows(bcfYear, 'area_of_spend', AREAS_OF_SPEND),
    ...rows(bcfYear, 'commissioner', COMMISSIONERS),
    ...rows(bcfYear, 'provider_type', PROVIDER_TYPES),
    ...rows(bcfYear, 'national_condition', conditions),
    ...rows(bcfYear, 'metric', metrics),
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reference_item')
    .addColumn('id', ...autoId(db))
    .addColumn('bcf_year', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Unique per year, list and code; a sub-type's code is unique within its type (every type has its own 'other').
  await sql`CREATE UNIQUE INDEX reference_item_code_unique
    ON reference_item (bcf_year, list, coalesce(parent_code, ''), code)`.execute(db);
  await db
    .insertInto('reference_item')
    .values([
      ...yearRows('2023-25', SCHEME_TYPES_2023_25, CONDITIONS_2023_25, METRICS_2023_25),
      ...yearRows('2025/26', SCHEME_TYPES_2025_26, CONDITIONS_2025_26, METRICS_2025_26),
    ])
    .execute();

  // The fund's plan settings. bcf_year null: derived from financial_year (2023/24, 2024/25 -> 2023-25; later -> 2025/26).
  await db.schema.alterTable('fund').addColumn('bcf_year', 'text').execute();
  await db.schema
    .alterTable('fund')
    .addColumn('min_nhs_to_social_care_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('fund')
    .addColumn('min_out_of_hospital_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('fund')
    .addColumn('amber_threshold_bp', 'integer', (c) => c.notNull().defaultTo(500))
    .execute();
  await db.schema
    .alterTable('fund')
    .addColumn('red_threshold_bp', 'integer', (c) => c.notNull().defaultTo(1000))
    .execute();

  await db.schema
    .createTable('scheme')
    .addColumn('id', ...autoId(db))
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scheme_type', 'text')
    .addColumn('sub_type', 'text')
    .addColumn('sub_type_other', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('area_of_spend', 'text')
    .addColumn('commissioner', 'text')
    .addColumn('nhs_share_bp', 'integer', (c) => c.check(sql`nhs_share_bp between 0 and 10000`))
    .addColumn('la_share_bp', 'integer', (c) => c.check(sql`la_share_bp between 0 and 10000`))
    .addColumn('provider_type', 'text')
    .addColumn('provider_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('funding_source', 'text', (c) => c.references('funding_source.code'))
    .addColumn('output_quantity', 'real')
    .addColumn('output_unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addUniqueConstraint('scheme_code_unique', ['fund_id', 'code'])
    .execute();

  // A scheme's spend by quarter: always four rows, written and versioned with their scheme (the grid edits a scheme
  // and its spend as one row, so one version and one audit entity cover both).
  await db.schema
    .createTable('expenditure')
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('scheme.id').onDelete('cascade'))
    .addColumn('quarter', 'integer', (c) => c.notNull().check(sql`quarter between 1 and 4`))
    .addColumn(...penceColumn(db, 'planned_pence'))
    .addColumn(...penceColumn(db, 'actual_pence'))
    .addPrimaryKeyConstraint('expenditure_pk', ['scheme_id', 'quarter'])
    .execute();

  await db.schema
    .createTable('plan_snapshot')
    .addColumn('id', ...autoId(db))
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('plan_snapshot_fund_idx').on('plan_snapshot').column('fund_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_snapshot').execute();
  await db.schema.dropTable('expenditure').execute();
  await db.schema.dropTable('scheme').execute();
  for (const column of [
    'red_threshold_bp',
    'amber_threshold_bp',
    'min_out_of_hospital_pence',
    'min_nhs_to_social_care_pence',
    'bcf_year',
  ]) {
    await db.schema.alterTable('fund').dropColumn(column).execute();
  }
  await db.schema.dropTable('reference_item').execute();
}
