// The BCF year as data (issue "The BCF year as it is today"): an administrator opens a new year by copying the
// previous year's lists (funding streams, scheme types and sub-types, areas of spend, commissioners, provider types,
// metrics, national conditions, the uplift) and edits them afterwards; no release opens 2026/27. Each step is one
// audited batch, so opening a year shows in history and can be undone while nothing uses it.
import {
  bcfYearTable,
  findBcfYear,
  findFundingStream,
  fundingStreamTable,
  listBcfYears,
  listFundingStreams,
} from '../../db/repositories/bcf-year.repository';
import { listMetrics, metricTable } from '../../db/repositories/outcome.repository';
import { listReferenceItems, referenceItemTable } from '../../db/repositories/reference.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor, type Tx } from '../../db/unit-of-work';
import { yearSpanProblem } from '../../shared/bcf-year';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import type { z } from 'zod';
import type { deleteInput } from '../../shared/schema/shape';
import type {
  BcfYear,
  BcfYearOpenInput,
  BcfYearUpdateInput,
  FundingStream,
  FundingStreamCreateInput,
  FundingStreamUpdateInput,
} from '../../shared/schema/bcf-year';

export { listBcfYears, listFundingStreams };

/** The year with this code, or a field error naming the field and the value. */
export async function yearOrProblem(tx: DB | Tx, code: string, path: string): Promise<BcfYear | FieldError> {
  const year = await findBcfYear(tx, code);
  return year ?? { path, message: `BCF year '${code}' is not a BCF year held here; an administrator opens new years on the Admin page` };
}

const isProblem = (value: BcfYear | FieldError): value is FieldError => 'path' in value;

/** Open a new BCF year as a copy of `copyFrom`'s lists and uplift. */
export async function openBcfYear(db: DB, actor: Actor, input: BcfYearOpenInput): Promise<BcfYear> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Opened BCF year ${input.code}`, fundId: null }, async (writer) => {
    const tx = writer.tx;
    const errors: FieldError[] = [];
    const source = await yearOrProblem(tx, input.copyFrom, 'copyFrom');
    if (isProblem(source)) errors.push(source);
    if (await findBcfYear(tx, input.code))
      errors.push({ path: 'code', message: `BCF year '${input.code}' is already held; edit it instead` });
    const span = yearSpanProblem(input);
    if (span) errors.push({ path: 'lastFinancialYear', message: span });
    for (const other of await listBcfYears(tx)) {
      if (input.firstFinancialYear <= other.lastFinancialYear && other.firstFinancialYear <= input.lastFinancialYear) {
        errors.push({
          path: 'firstFinancialYear',
          message: `Financial years ${input.firstFinancialYear} to ${input.lastFinancialYear} overlap BCF year ${other.code} (${other.firstFinancialYear} to ${other.lastFinancialYear})`,
        });
        break;
      }
    }
    if (errors.length || isProblem(source!)) throw new ValidationError(errors);
    const year = await writer.create(bcfYearTable, {
      code: input.code,
      label: input.label,
      firstFinancialYear: input.firstFinancialYear,
      lastFinancialYear: input.lastFinancialYear,
      status: 'open',
      nhsAscUpliftBp: input.nhsAscUpliftBp === undefined ? source.nhsAscUpliftBp : input.nhsAscUpliftBp,
      sourceNote: input.sourceNote ?? `Lists copied from BCF year ${source.code}; check them against the ${input.code} framework.`,
    });
    await writer.createMany(
      fundingStreamTable,
      (await listFundingStreams(tx, source.code)).map(({ id: _id, version: _v, ...s }) => ({ ...s, bcfYear: input.code })),
    );
    await writer.createMany(
      referenceItemTable,
      (await listReferenceItems(tx, source.code)).map(({ id: _id, version: _v, ...item }) => ({ ...item, bcfYear: input.code })),
    );
    await writer.createMany(
      metricTable,
      (await listMetrics(tx, source.code)).map(({ id: _id, version: _v, ...metric }) => ({ ...metric, bcfYear: input.code })),
    );
    return year;
  });
  return result;
}

export async function updateBcfYear(db: DB, actor: Actor, input: BcfYearUpdateInput): Promise<BcfYear> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a BCF year', fundId: null }, (writer) =>
    writer.update(bcfYearTable, input.id, input.version, input.patch, ''),
  );
  return result;
}

/** Add a funding stream to a year; a code new to every year joins the catalogue contributions refer to. */
export async function createFundingStream(db: DB, actor: Actor, input: FundingStreamCreateInput): Promise<FundingStream> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Added ${input.bcfYear} funding stream ${input.code}`, fundId: null },
    async (writer) => {
      const tx = writer.tx;
      const year = await yearOrProblem(tx, input.bcfYear, 'bcfYear');
      if (isProblem(year)) throw new ValidationError([year]);
      const existing = await listFundingStreams(tx, input.bcfYear);
      if (existing.some((s) => s.code === input.code)) {
        throw new ValidationError([
          { path: 'code', message: `Code '${input.code}' is already a funding stream of BCF year ${input.bcfYear}` },
        ]);
      }
      const known = await tx.selectFrom('fundingSource').select('code').where('code', '=', input.code).executeTakeFirst();
      if (!known) {
        const last = await tx
          .selectFrom('fundingSource')
          .select((eb) => eb.fn.max('sortOrder').as('max'))
          .executeTakeFirst();
        await tx
          .insertInto('fundingSource')
          .values({ code: input.code, name: input.name, description: input.description ?? '', sortOrder: Number(last?.max ?? 0) + 1 })
          .execute();
      }
      return writer.create(fundingStreamTable, {
        ...input,
        description: input.description ?? '',
        sortOrder: input.sortOrder ?? Math.max(0, ...existing.map((s) => s.sortOrder)) + 1,
      });
    },
  );
  return result;
}

export async function updateFundingStream(db: DB, actor: Actor, input: FundingStreamUpdateInput): Promise<FundingStream> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a funding stream', fundId: null }, async (writer) => {
    if (!(await findFundingStream(writer.tx, input.id))) throw new NotFoundError(`No funding stream with id ${input.id}`);
    return writer.update(fundingStreamTable, input.id, input.version, input.patch, '');
  });
  return result;
}

/** The funds of the stream's year whose contributions or schemes use it, named as a person knows them. */
async function fundsUsingStream(tx: DB | Tx, stream: FundingStream): Promise<string[]> {
  const ofYear = (table: 'contribution' | 'scheme', column: 'source' | 'fundingSource') =>
    tx
      .selectFrom(table)
      .innerJoin('fund', 'fund.id', `${table}.fundId`)
      .select(['fund.id', 'fund.name', 'fund.financialYear'])
      .where('fund.bcfYear', '=', stream.bcfYear)
      .where(`${table}.${column}` as 'contribution.source', '=', stream.code)
      .distinct()
      .execute();
  const rows = [...(await ofYear('contribution', 'source')), ...(await ofYear('scheme', 'fundingSource'))];
  const names = new Map(rows.map((r) => [Number(r.id), `${r.name} ${r.financialYear} (fund ${r.id})`]));
  return [...names.entries()].sort(([a], [b]) => a - b).map(([, name]) => name);
}

/** Remove a stream from its year; refused, naming the funds, while a contribution or scheme of that year uses it. The
 * catalogue entry (funding_source) stays: other years, and the audit history, still name it. Returns the stream as it
 * was, so the page can say what went. */
export async function removeFundingStream(db: DB, actor: Actor, input: z.infer<typeof deleteInput>): Promise<{ removed: FundingStream }> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Removed a funding stream', fundId: null }, async (writer) => {
    const stream = await findFundingStream(writer.tx, input.id);
    if (!stream) throw new NotFoundError(`No funding stream with id ${input.id}`);
    const funds = await fundsUsingStream(writer.tx, stream);
    if (funds.length > 0) {
      throw new ValidationError([
        {
          path: 'id',
          message: `Funding stream '${stream.code}' (${stream.name}) of BCF year ${stream.bcfYear} is used by ${funds.join(', ')}; move their contributions and schemes to another stream first`,
        },
      ]);
    }
    await writer.remove(fundingStreamTable, stream.id, input.version, 'version');
    return { removed: stream };
  });
  return result;
}
