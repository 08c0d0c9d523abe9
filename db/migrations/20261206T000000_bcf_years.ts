// The BCF year as data (issue "The BCF year as it is today"): a table of BCF years, the funding streams of each year
// (who pays each, and whether it is a national minimum), the mapping of one year's codes to the next year's, each
// fund's answers to its year's national conditions, and the columns of the NHS minimum to adult social care worked out
// by the year's uplift. Every fund is given the BCF year whose lists it used before (the old "2025 or later means
// 2025/26" rule), so nothing it holds changes meaning. Frozen once shipped: never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { autoId, bigInteger } from './dialect';

type Owner = 'nhs' | 'la' | 'any';
type Stream = [code: string, name: string, owner: Owner, isMinimum: boolean, description: string];

// domain.md "BCF funding streams": 2023-25 as the foundation migration held them.
const STREAMS_2023_25: Stream[] = [
  ['nhs_minimum', 'NHS minimum contribution', 'nhs', true, 'From the ICB; uplifted each year by the national planning guidance.'],
  ['la_bcf', 'Local Authority BCF (iBCF)', 'la', true, 'The improved BCF grant paid to the council.'],
  ['dfg', 'Disabled Facilities Grant', 'la', true, 'Capital grant for home adaptations; passed to district councils in two-tier areas.'],
  ['discharge_la', 'Discharge fund (LA)', 'la', true, 'The council part of the hospital discharge funding (ring-fenced).'],
  ['discharge_icb', 'Discharge fund (ICB)', 'nhs', true, 'The ICB part of the hospital discharge funding (ring-fenced).'],
  ['additional_la', 'Additional LA contribution', 'la', false, 'A voluntary additional contribution from the council.'],
  ['additional_icb', 'Additional ICB contribution', 'nhs', false, 'A voluntary additional contribution from the ICB.'],
  ['carry_forward', 'Carry-forward of underspend', 'any', false, 'Local carry-forward of a previous year’s underspend.'],
  ['partner_contribution', 'Partner contribution', 'any', false, 'A partner’s agreed contribution to a non-BCF pooled budget.'],
  ['other', 'Other', 'any', false, 'Any other source; describe it in the note.'],
];

// BCF policy framework 2025 to 2026; NHS England's BCF grants and funding page (domain.md).
const STREAMS_2025_26: Stream[] = [
  [
    'nhs_minimum',
    'NHS minimum contribution',
    'nhs',
    true,
    'From the ICB; from 2025/26 it includes the former ICB discharge funding (£5,614m nationally in 2025/26).',
  ],
  [
    'la_better_care_grant',
    'Local Authority Better Care Grant',
    'la',
    true,
    'The former iBCF and local authority discharge funding, as one grant from 2025/26 (£2,640m nationally in 2025/26).',
  ],
  ['dfg', 'Disabled Facilities Grant', 'la', true, 'Capital grant for home adaptations (£711m nationally in 2025/26).'],
  ['additional_icb', 'Additional ICB contribution', 'nhs', false, 'A voluntary additional contribution from the ICB.'],
  ['additional_la', 'Additional LA contribution', 'la', false, 'A voluntary additional contribution from the council.'],
  ['carry_forward', 'Carry-forward of underspend', 'any', false, 'Local carry-forward of a previous year’s underspend.'],
  ['partner_contribution', 'Partner contribution', 'any', false, 'A partner’s agreed contribution to a non-BCF pooled budget.'],
  ['other', 'Other', 'any', false, 'Any other source; describe it in the note.'],
];

// Where a 2023-25 stream went in 2025/26: the ICB discharge funding into the NHS minimum, the iBCF and the council's
// discharge funding into the Local Authority Better Care Grant. Other lists map code to same code where it exists;
// the rest is chosen by a person at roll-over and kept here for next time.
const MAPPING_2023_25_TO_2025_26: [list: string, from: string, to: string][] = [
  ['funding_stream', 'discharge_icb', 'nhs_minimum'],
  ['funding_stream', 'la_bcf', 'la_better_care_grant'],
  ['funding_stream', 'discharge_la', 'la_better_care_grant'],
];

const stamped = (t: { addColumn: (name: string, type: 'integer' | 'text', build?: (c: any) => any) => any }) =>
  t
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer');

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();

  // A BCF year: its code ('2025/26', or '2023-25' for the two-year plan), the financial years it covers, whether new
  // funds and roll-overs may use it, and the uplift the NHS minimum contribution to adult social care must rise by
  // over the previous year's baseline (basis points; null where the year's plan typed the minimum instead).
  await stamped(
    db.schema
      .createTable('bcf_year')
      .addColumn('id', ...autoId(db))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('first_financial_year', 'text', (c) => c.notNull())
      .addColumn('last_financial_year', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'closed')`),
      )
      .addColumn('nhs_asc_uplift_bp', 'integer')
      .addColumn('source_note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db
    .insertInto('bcf_year')
    .values([
      {
        code: '2023-25',
        label: 'BCF 2023 to 2025 (two-year plan)',
        first_financial_year: '2023/24',
        last_financial_year: '2024/25',
        status: 'closed',
        nhs_asc_uplift_bp: null,
        source_note: 'Better Care Fund policy framework 2023 to 2025; the minimum to adult social care was typed in the plan.',
        updated_at: now,
      },
      {
        code: '2025/26',
        label: 'BCF 2025 to 2026',
        first_financial_year: '2025/26',
        last_financial_year: '2025/26',
        status: 'open',
        nhs_asc_uplift_bp: 390,
        source_note:
          'Better Care Fund policy framework 2025 to 2026: the NHS minimum contribution to adult social care rises 3.9% over the 2024/25 baseline.',
        updated_at: now,
      },
    ])
    .execute();

  // The funding streams of each year. `code` is a funding_source code (the catalogue contributions and schemes refer
  // to); name and description are the year's own wording.
  await stamped(
    db.schema
      .createTable('funding_stream')
      .addColumn('id', ...autoId(db))
      .addColumn('bcf_year', 'text', (c) => c.notNull().references('bcf_year.code'))
      .addColumn('code', 'text', (c) => c.notNull().references('funding_source.code'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('nhs', 'la', 'any')`))
      .addColumn('is_minimum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('funding_stream_year_code_unique', ['bcf_year', 'code']),
  ).execute();
  await db
    .insertInto('funding_source')
    .values({
      code: 'la_better_care_grant',
      name: 'Local Authority Better Care Grant',
      description: 'The former iBCF and local authority discharge funding, as one grant from 2025/26.',
      sort_order: 11,
    })
    .execute();
  const streamRows = (bcfYear: string, streams: Stream[]) =>
    streams.map(([code, name, owner, isMinimum, description], i) => ({
      bcf_year: bcfYear,
      code,
      name,
      owner,
      is_minimum: isMinimum ? 1 : 0,
      description,
      sort_order: i + 1,
      updated_at: now,
    }));
  await db
    .insertInto('funding_stream')
    .values([...streamRows('2023-25', STREAMS_2023_25), ...streamRows('2025/26', STREAMS_2025_26)])
    .execute();

  // How one year's codes become the next year's at roll-over: per pair of years and list (funding_stream,
  // scheme_type, sub_type written 'type/sub', area_of_spend, commissioner, provider_type, metric, national_condition).
  await stamped(
    db.schema
      .createTable('year_mapping')
      .addColumn('id', ...autoId(db))
      .addColumn('from_year', 'text', (c) => c.notNull().references('bcf_year.code'))
      .addColumn('to_year', 'text', (c) => c.notNull().references('bcf_year.code'))
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('from_code', 'text', (c) => c.notNull())
      .addColumn('to_code', 'text', (c) => c.notNull())
      .addUniqueConstraint('year_mapping_unique', ['from_year', 'to_year', 'list', 'from_code']),
  ).execute();
  await db
    .insertInto('year_mapping')
    .values(
      MAPPING_2023_25_TO_2025_26.map(([list, from, to]) => ({
        from_year: '2023-25',
        to_year: '2025/26',
        list,
        from_code: from,
        to_code: to,
        updated_at: now,
      })),
    )
    .execute();

  // A fund's answer to each national condition of its year: yes or no (null until answered), with commentary, which
  // a "no" must have.
  await stamped(
    db.schema
      .createTable('condition_answer')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('condition_code', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.check(sql`answer in ('yes', 'no')`))
      .addColumn('commentary', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('condition_answer_unique', ['fund_id', 'condition_code']),
  ).execute();

  // The NHS minimum to adult social care by the year's rule: the previous year's baseline (read from the previous
  // year's fund when there is one; typed here otherwise), and an override of the worked-out figure with its reason.
  await db.schema.alterTable('fund').addColumn('nhs_asc_baseline_pence', bigInteger(db)).execute();
  await db.schema.alterTable('fund').addColumn('nhs_asc_override_pence', bigInteger(db)).execute();
  await db.schema.alterTable('fund').addColumn('nhs_asc_override_reason', 'text').execute();

  // The 2025/26 conditions as the framework words them (domain.md); admins may still edit them.
  await db
    .updateTable('reference_item')
    .set({ name: 'Complying with grant and funding conditions, including maintaining the NHS minimum contribution to adult social care' })
    .where('bcf_year', '=', '2025/26')
    .where('list', '=', 'national_condition')
    .where('code', '=', 'nc3')
    .execute();
  await db
    .updateTable('reference_item')
    .set({ name: 'Engaging with BCF oversight and support' })
    .where('bcf_year', '=', '2025/26')
    .where('list', '=', 'national_condition')
    .where('code', '=', 'nc4')
    .execute();

  // Every fund names its BCF year: the one it used before (its own setting, else 2023-25 for 2023/24 and 2024/25 and
  // earlier, 2025/26 for anything later, the rule this replaces).
  await db
    .updateTable('fund')
    .set({ bcf_year: sql`case when financial_year >= '2025/26' then '2025/26' else '2023-25' end` })
    .where('bcf_year', 'is', null)
    .execute();
  await db.schema.createIndex('fund_bcf_year_idx').on('fund').column('bcf_year').execute();
}
