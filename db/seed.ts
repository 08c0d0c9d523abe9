// Demo data for a first start: ILLUSTRATIVE ONLY. The places, organisations and amounts are fictional, shaped on the
// public case studies listed in domain.md ("Demo data"); they are not any real area's figures. Written through the
// same audited write path as every other change, so the audit log accounts for every demo figure too.
import { applyBasisPoints, quarterlyInstalments } from '../shared/allocate';
import type { Arrangement, Sector } from '../shared/schemas';
import type { DB } from './connection';
import { contributionTable } from './repositories/contribution.repository';
import { fundTable } from './repositories/fund.repository';
import { organisationTable } from './repositories/organisation.repository';
import { partnershipTable } from './repositories/partnership.repository';
import { runBatch, type BatchWriter } from './unit-of-work';

export const DEMO_NOTE = 'Illustrative demo data: fictional organisations and amounts shaped on public case studies. Not real figures.';

const POUND = 100;

interface DemoFund {
  name: string;
  financialYear: string;
  /** [partner key, funding source, annual planned £, actual as basis points of plan per quarter (omit = not yet)] */
  lines: [string, string, number, number[]][];
}

interface DemoPartnership {
  name: string;
  area: string;
  arrangement: Arrangement;
  host: string;
  members: string[];
  funds: DemoFund[];
}

const ORGANISATIONS: Record<string, { name: string; sector: Sector; kind: string }> = {
  council: { name: 'Northbridge Borough Council', sector: 'social_care', kind: 'Unitary authority' },
  icb: { name: 'NHS Northbridge and Vale ICB', sector: 'health', kind: 'Integrated care board' },
  forum: { name: 'Northbridge Older People’s Forum', sector: 'voluntary', kind: 'Voluntary organisation' },
  westmoorCsc: { name: 'Westmoor County Council – Children’s Social Care', sector: 'social_care', kind: 'County council' },
  westmoorEdu: { name: 'Westmoor County Council – Education', sector: 'education', kind: 'County council' },
  westmoorIcb: { name: 'NHS Westmoor ICB', sector: 'health', kind: 'Integrated care board' },
};

const FULL_YEAR = [10_000, 10_000, 10_000, 10_000];

const PARTNERSHIPS: DemoPartnership[] = [
  {
    name: 'Northbridge Better Care Fund',
    area: 'Northbridge Health and Wellbeing Board',
    arrangement: 'pooled_fund',
    host: 'council',
    members: ['council', 'icb'],
    funds: [
      {
        name: 'Better Care Fund',
        financialYear: '2025/26',
        lines: [
          ['icb', 'nhs_minimum', 21_634_000, FULL_YEAR],
          ['icb', 'discharge_icb', 2_486_000, [10_000, 10_000, 10_000, 9_650]],
          ['icb', 'additional_icb', 500_000, [10_000, 10_000, 10_000, 10_000]],
          ['council', 'la_bcf', 9_872_000, FULL_YEAR],
          ['council', 'dfg', 2_918_000, [8_400, 9_100, 9_600, 11_200]],
          ['council', 'discharge_la', 1_734_000, [10_000, 10_000, 10_400, 10_600]],
          ['council', 'additional_la', 1_200_000, [10_000, 10_000, 10_000, 10_000]],
        ],
      },
      {
        name: 'Better Care Fund',
        financialYear: '2026/27',
        lines: [
          ['icb', 'nhs_minimum', 22_858_000, [10_000, 10_000]],
          ['icb', 'discharge_icb', 2_486_000, [10_000, 9_800]],
          ['council', 'la_bcf', 9_872_000, [10_000, 10_000]],
          ['council', 'dfg', 3_010_000, [7_900, 9_300]],
          ['council', 'discharge_la', 1_734_000, [10_000, 10_000]],
          ['council', 'additional_la', 1_350_000, [10_000, 10_000]],
        ],
      },
    ],
  },
  {
    name: 'Westmoor Looked-After Children Placements Pool',
    area: 'Westmoor county',
    arrangement: 'pooled_fund',
    host: 'westmoorCsc',
    members: ['westmoorCsc', 'westmoorEdu', 'westmoorIcb'],
    funds: [
      {
        name: 'Out-of-area placements pool',
        financialYear: '2025/26',
        lines: [
          ['westmoorCsc', 'partner_contribution', 3_600_000, [10_000, 10_000, 10_800, 11_500]],
          ['westmoorEdu', 'partner_contribution', 1_500_000, FULL_YEAR],
          ['westmoorIcb', 'partner_contribution', 900_000, [10_000, 10_000, 10_000, 10_500]],
        ],
      },
    ],
  },
  {
    name: 'Northbridge Older People’s Prevention Pilot',
    area: 'Northbridge',
    arrangement: 'aligned_budget',
    host: 'council',
    members: ['council', 'icb', 'forum'],
    funds: [
      {
        name: 'Prevention pilot (POPP-style)',
        financialYear: '2025/26',
        lines: [
          ['council', 'additional_la', 450_000, [9_000, 10_000, 10_000, 10_400]],
          ['icb', 'additional_icb', 350_000, FULL_YEAR],
          ['forum', 'partner_contribution', 40_000, [10_000, 10_000, 10_000, 10_000]],
        ],
      },
    ],
  },
];

/** Whether the database holds no partnerships or organisations yet (a first start). */
export async function isEmpty(db: DB): Promise<boolean> {
  const org = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  const partnership = await db.selectFrom('partnership').select('id').limit(1).executeTakeFirst();
  return !org && !partnership;
}

async function seedPartnership(writer: BatchWriter, spec: DemoPartnership, orgIds: Record<string, number>): Promise<void> {
  const idOf = (key: string): number => {
    const id = orgIds[key];
    if (id === undefined) throw new Error(`demo seed names an unknown organisation '${key}'`);
    return id;
  };
  const partnership = await writer.create(partnershipTable, {
    name: spec.name,
    area: spec.area,
    arrangement: spec.arrangement,
    hostOrgId: idOf(spec.host),
    notes: DEMO_NOTE,
    memberOrgIds: spec.members.map(idOf),
  });
  await writer.tx.updateTable('partnership').set({ isDemo: 1 }).where('id', '=', partnership.id).execute();
  for (const fundSpec of spec.funds) {
    const fund = await writer.create(fundTable, {
      partnershipId: partnership.id,
      name: fundSpec.name,
      financialYear: fundSpec.financialYear,
    });
    for (const [partner, source, annualPounds, actualBp] of fundSpec.lines) {
      const instalments = quarterlyInstalments(annualPounds * POUND);
      for (const [index, plannedPence] of instalments.entries()) {
        const bp = actualBp[index];
        await writer.create(contributionTable, {
          fundId: fund.id,
          orgId: idOf(partner),
          source,
          quarter: index + 1,
          plannedPence,
          actualPence: bp === undefined ? 0 : applyBasisPoints(plannedPence, bp),
          note: bp === undefined ? 'Not yet received' : '',
        });
      }
    }
  }
}

/** Write the illustrative demo data as one audited batch. */
export async function seedDemo(db: DB): Promise<void> {
  await runBatch(db, { userId: null }, { kind: 'seed', label: 'Demo data (illustrative)', fundId: null }, async (writer) => {
    const orgIds: Record<string, number> = {};
    for (const [key, org] of Object.entries(ORGANISATIONS)) {
      const row = await writer.create(organisationTable, { ...org, onsCode: null });
      orgIds[key] = row.id;
    }
    for (const spec of PARTNERSHIPS) await seedPartnership(writer, spec, orgIds);
  });
}
