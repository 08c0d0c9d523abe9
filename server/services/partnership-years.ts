// partnerships.years: a partnership's years side by side. Gathers every fund's planned contributions by financial
// year, stream and partner, each year's stream names and the mappings between BCF years; shared/partnership-years.ts
// adds them up.
import type { DB } from '../../db/connection';
import { listBcfYears, listFundingStreams } from '../../db/repositories/bcf-year.repository';
import { listFundingSources } from '../../db/repositories/fund.repository';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { bcfYearFor } from '../../shared/bcf-year';
import { partnershipYears, type HeldYear, type PartnershipYears } from '../../shared/partnership-years';

export async function yearsOfPartnership(db: DB, partnershipId: number): Promise<PartnershipYears> {
  const funds = await db
    .selectFrom('fund')
    .select(['id', 'name', 'financialYear', 'bcfYear'])
    .where('partnershipId', '=', partnershipId)
    .orderBy('financialYear')
    .orderBy('id')
    .execute();
  const bcfYears = await listBcfYears(db);
  // A fund names its BCF year; one that does not (yet) takes the year covering its financial year.
  const yearOfFund = (fund: (typeof funds)[number]) =>
    bcfYears.find((y) => y.code === fund.bcfYear) ?? bcfYearFor(fund.financialYear, bcfYears);

  const held = new Map<string, HeldYear>();
  for (const fund of funds) {
    const year = yearOfFund(fund);
    const entry = held.get(fund.financialYear) ?? {
      financialYear: fund.financialYear,
      bcfYear: year?.code ?? '',
      bcfYearLabel: year?.label ?? 'No BCF year',
      fundNames: [],
    };
    entry.fundNames.push(fund.name);
    held.set(fund.financialYear, entry);
  }

  const lines =
    funds.length === 0
      ? []
      : await db
          .selectFrom('contribution')
          .innerJoin('fund', 'fund.id', 'contribution.fundId')
          .select(['fund.financialYear', 'contribution.source', 'contribution.orgId'])
          .select((eb) => eb.fn.sum<number>('contribution.plannedPence').as('plannedPence'))
          .where('fund.partnershipId', '=', partnershipId)
          .groupBy(['fund.financialYear', 'contribution.source', 'contribution.orgId'])
          .execute();

  const usedYears = [...new Set([...held.values()].map((y) => y.bcfYear))].filter(Boolean);
  const streamsByYear: Record<string, { code: string; name: string }[]> = {};
  for (const code of usedYears) streamsByYear[code] = await listFundingStreams(db, code);
  const mappings = await db
    .selectFrom('yearMapping')
    .select(['fromYear', 'toYear', 'fromCode', 'toCode'])
    .where('list', '=', 'funding_stream')
    .execute();

  return partnershipYears({
    years: [...held.values()],
    lines: lines.map((l) => ({
      financialYear: l.financialYear,
      source: l.source,
      orgId: Number(l.orgId),
      plannedPence: Number(l.plannedPence),
    })),
    streamsByYear,
    sourceNames: Object.fromEntries((await listFundingSources(db)).map((s) => [s.code, s.name])),
    mappings,
    orgNames: Object.fromEntries((await listOrganisations(db)).map((o) => [o.id, o.name])),
  });
}
