// The return builder (issue "Sign-off and returns", item 4) over the real routers: a fund with schemes, spend,
// contributions, national conditions and metrics; the Q2 return's figures against hand-worked values, its answers, the
// year end's income and expenditure, and the workbook (read back with exceljs) and the PDF (read with pdftotext) holding
// the same figures as the page writes them, the PDF with a name in accents and a dash printed as written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPence } from '../../shared/money';
import { renderReturnPdf } from '../../server/returns/pdf';
import { renderReturnXlsx, RETURN_HEADER_ROW } from '../../server/returns/workbook';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

const ZOE = 'Zoë’s Care – Bûcher Lodge';
const ZOE_ASCII_APOSTROPHE = "Zoë's Care – Bûcher Lodge";

let api: TestApi;
let f: Fixture;
let finance: Caller;
let streamNames: Map<string, string>;

/** Planned and actual spend by quarter, in pence: [q1, q2, q3, q4]. */
const spend = (planned: number[], actual: number[]) =>
  Object.fromEntries(
    [1, 2, 3, 4].flatMap((q) => [
      [`q${q}PlannedPence`, planned[q - 1] ?? 0],
      [`q${q}ActualPence`, actual[q - 1] ?? 0],
    ]),
  );

/** exceljs's load is typed for an older Buffer; the bytes are the same. */
const xlsxBytes = (bytes: Buffer) => bytes as unknown as Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'returns');
  ({ caller: finance } = await api.userWith('finance_officer', [f.councilId, f.icbId]));
  streamNames = new Map((await api.caller.bcfYears.streams({ bcfYear: '2025/26' })).map((s) => [s.code, s.name]));
  await api.caller.schemes.applyBatch({
    fundId: f.fundId,
    changes: [
      // S1 (NHS minimum): planned £1,000.00 a quarter; actual £900.00 then £1,150.50.
      {
        op: 'create',
        values: {
          code: 'S1',
          name: 'Bridging service',
          fundingSource: 'nhs_minimum',
          ...spend([100_000, 100_000, 100_000, 100_000], [90_000, 115_050, 99_999, 0]),
        },
      },
      // S2 (NHS minimum): planned £250.25 in Q1 and Q2; actual £250.25 and £0.00.
      {
        op: 'create',
        values: { code: 'S2', name: ZOE, fundingSource: 'nhs_minimum', ...spend([25_025, 25_025, 0, 0], [25_025, 0, 0, 0]) },
      },
      // S3 (Better Care Grant): planned £500.00 in Q2 and Q3; actual £612.34 in Q2.
      {
        op: 'create',
        values: {
          code: 'S3',
          name: 'Carers’ breaks',
          fundingSource: 'la_better_care_grant',
          ...spend([0, 50_000, 50_000, 0], [0, 61_234, 0, 0]),
        },
      },
    ],
  });
  for (const [orgId, source, quarter, planned, actual] of [
    [f.icbId, 'nhs_minimum', 1, 125_025, 115_025],
    [f.icbId, 'nhs_minimum', 2, 125_025, 125_025],
    [f.icbId, 'nhs_minimum', 4, 100_000, 100_001],
    [f.councilId, 'la_better_care_grant', 2, 50_000, 50_000],
    [f.councilId, 'la_better_care_grant', 3, 50_000, 0],
  ] as const) {
    const row = await api.caller.contributions.create({ fundId: f.fundId, orgId, source, quarter, plannedPence: planned });
    await api.caller.contributions.update({ id: row.id, version: row.version, patch: { actualPence: actual } });
  }
  const metric = await api.caller.metrics.create({
    bcfYear: '2025/26',
    code: 'ret_admissions',
    name: 'Emergency admissions (65+)',
    unit: 'per_100000',
    polarity: 'lower',
  });
  await api.caller.outcomes.applyBatch({
    fundId: f.fundId,
    changes: [
      // Q1 on track (lower is better: 1,400.00 against 1,500.00); Q2 not on track; Q3 would be on track but is after Q2.
      { op: 'create', values: { metricId: metric.id, quarter: 1, target: 150_000, actual: 140_000 } },
      { op: 'create', values: { metricId: metric.id, quarter: 2, target: 150_000, actual: 160_000 } },
      { op: 'create', values: { metricId: metric.id, quarter: 3, target: 150_000, actual: 100_000 } },
    ],
  });
});
afterAll(async () => {
  await api.close();
});

describe('the Q2 return', () => {
  it('reports spend to the end of Q2 by scheme and by stream, with variances and exact totals', async () => {
    const { document, frozen } = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
    expect(frozen).toBeNull();
    expect(document.quarters).toEqual([1, 2]);
    expect(document.spendByScheme).toEqual([
      { code: 'S1', name: 'Bridging service', plannedToDatePence: 200_000, actualToDatePence: 205_050, variancePence: 5_050 },
      { code: 'S2', name: ZOE, plannedToDatePence: 50_050, actualToDatePence: 25_025, variancePence: -25_025 },
      { code: 'S3', name: 'Carers’ breaks', plannedToDatePence: 50_000, actualToDatePence: 61_234, variancePence: 11_234 },
    ]);
    expect(document.spendByStream).toEqual([
      {
        code: 'nhs_minimum',
        name: streamNames.get('nhs_minimum'),
        plannedToDatePence: 250_050,
        actualToDatePence: 230_075,
        variancePence: -19_975,
      },
      {
        code: 'la_better_care_grant',
        name: streamNames.get('la_better_care_grant'),
        plannedToDatePence: 50_000,
        actualToDatePence: 61_234,
        variancePence: 11_234,
      },
    ]);
    expect(document.spendTotal).toMatchObject({ plannedToDatePence: 300_050, actualToDatePence: 291_309, variancePence: -8_741 });
    expect(document.income).toBeNull();
  });

  it('lists every national condition and metric; answers are saved with their version and shown in the return', async () => {
    const before = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
    const codes = before.document.conditions.map((c) => c.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(before.document.conditions.every((c) => c.met === null)).toBe(true);
    const metric = before.document.metrics.find((m) => m.code === 'ret_admissions');
    // The latest quarter to Q2 with a status is Q2: not on track; the rating defaults to it until answered.
    expect(metric).toMatchObject({ quarter: 2, derived: 'not_on_track', rating: 'not_on_track', rated: false });

    const first = codes[0] ?? '';
    const answer = await finance.submissions.answer({
      fundId: f.fundId,
      kind: 'q2',
      item: 'condition',
      code: first,
      answer: 'no',
      commentary: 'Late BCF plan',
    });
    await finance.submissions.answer({
      fundId: f.fundId,
      kind: 'q2',
      item: 'condition',
      code: first,
      answer: 'yes',
      commentary: 'Met again',
      version: answer.version,
    });
    await finance.submissions.answer({
      fundId: f.fundId,
      kind: 'q2',
      item: 'metric',
      code: 'ret_admissions',
      answer: 'on_track',
      challenges: 'Winter pressures',
      supportNeeded: 'None',
      achievements: ZOE,
    });
    const after = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
    expect(after.document.conditions[0]).toMatchObject({ code: first, met: 'yes', commentary: 'Met again' });
    expect(after.document.metrics.find((m) => m.code === 'ret_admissions')).toMatchObject({
      derived: 'not_on_track',
      rating: 'on_track',
      rated: true,
      challenges: 'Winter pressures',
      achievements: ZOE,
    });
    // Q1 derives its own status, from Q1 alone: on track.
    const q1 = await finance.returns.get({ fundId: f.fundId, kind: 'q1' });
    expect(q1.document.metrics.find((m) => m.code === 'ret_admissions')).toMatchObject({ quarter: 1, derived: 'on_track', rated: false });
  });

  it('refuses an answer a return cannot give, naming the field and value, and writes nothing', async () => {
    const before = await counts(api.db);
    const cases = [
      [{ item: 'condition' as const, code: 'nc99', answer: 'yes' }, 'code', /national condition of the fund’s BCF year.*got 'nc99'/],
      [
        { item: 'condition' as const, code: (await finance.conditions.list({ fundId: f.fundId }))[0]?.code ?? '', answer: 'maybe' },
        'answer',
        /yes or no, got 'maybe'/,
      ],
      [
        { item: 'metric' as const, code: 'ret_admissions', answer: 'fine' },
        'answer',
        /Rating must be one of on_track, not_on_track, data_not_available, got 'fine'/,
      ],
      [
        { item: 'metric' as const, code: 'no_such_metric', answer: 'on_track' },
        'code',
        /metric of the fund’s BCF year.*got 'no_such_metric'/,
      ],
    ] as const;
    for (const [input, field, message] of cases) {
      const error = await expectTrpcError(finance.submissions.answer({ fundId: f.fundId, kind: 'q3', ...input }), 'BAD_REQUEST');
      const [problem] = fieldErrorsOf(error);
      expect(problem?.path).toBe(field);
      expect(problem?.message).toMatch(message);
    }
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('the year-end return', () => {
  it('reports the year’s actual income by stream and partner and expenditure by scheme and stream, with the plan beside them', async () => {
    const { document } = await finance.returns.get({ fundId: f.fundId, kind: 'year_end' });
    expect(document.quarters).toEqual([1, 2, 3, 4]);
    expect(document.conditions).toEqual([]);
    expect(document.spendByScheme.map((l) => [l.code, l.plannedToDatePence, l.actualToDatePence, l.variancePence])).toEqual([
      ['S1', 400_000, 305_049, -94_951],
      ['S2', 50_050, 25_025, -25_025],
      ['S3', 100_000, 61_234, -38_766],
    ]);
    expect(document.spendTotal).toMatchObject({ plannedToDatePence: 550_050, actualToDatePence: 391_308, variancePence: -158_742 });
    const icb = (await api.caller.orgs.list()).find((o) => o.id === f.icbId)?.name;
    const council = (await api.caller.orgs.list()).find((o) => o.id === f.councilId)?.name;
    expect(document.income?.map((l) => [l.stream, l.partner, l.plannedToDatePence, l.actualToDatePence, l.variancePence])).toEqual([
      [streamNames.get('nhs_minimum'), icb, 350_050, 340_051, -9_999],
      [streamNames.get('la_better_care_grant'), council, 100_000, 50_000, -50_000],
    ]);
    expect(document.incomeTotal).toMatchObject({ plannedToDatePence: 450_050, actualToDatePence: 390_051, variancePence: -59_999 });
  });
});

describe('the exports', () => {
  it('the workbook has a sheet per part, money as £-formatted numbers equal to the page’s figures', async () => {
    const { document } = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxBytes(await renderReturnXlsx(document, 'Draft')));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Conditions', 'Metrics', 'Spend by scheme', 'Spend by stream']);
    const sheet = workbook.getWorksheet('Spend by scheme');
    const rows = [1, 2, 3, 4].map((i) => sheet?.getRow(RETURN_HEADER_ROW + i));
    expect(rows.map((r) => [1, 2, 3, 4, 5].map((c) => r?.getCell(c).value))).toEqual([
      ['S1', 'Bridging service', 2000, 2050.5, 50.5],
      ['S2', ZOE, 500.5, 250.25, -250.25],
      ['S3', 'Carers’ breaks', 500, 612.34, 112.34],
      ['Total', null, 3000.5, 2913.09, -87.41],
    ]);
    expect(rows[0]?.getCell(3).numFmt).toContain('"£"#,##0.00');
    const streams = workbook.getWorksheet('Spend by stream');
    expect(streams?.getRow(RETURN_HEADER_ROW + 1).getCell(1).value).toBe(streamNames.get('nhs_minimum'));
    expect(streams?.getRow(RETURN_HEADER_ROW + 1).getCell(4).value).toBe(-199.75);
    const metrics = workbook.getWorksheet('Metrics');
    const row = document.metrics.findIndex((m) => m.code === 'ret_admissions') + 1;
    expect(row).toBeGreaterThan(0);
    expect([1, 2, 3, 4].map((c) => metrics?.getRow(RETURN_HEADER_ROW + row).getCell(c).value)).toEqual([
      'Emergency admissions (65+)',
      'Not on track',
      'On track',
      'Winter pressures',
    ]);

    const yearEnd = await finance.returns.get({ fundId: f.fundId, kind: 'year_end' });
    const ye = new ExcelJS.Workbook();
    await ye.xlsx.load(xlsxBytes(await renderReturnXlsx(yearEnd.document, 'Draft')));
    expect(ye.worksheets.map((s) => s.name)).toEqual(['Income', 'Expenditure']);
    expect(
      ye
        .getWorksheet('Income')
        ?.getRow(RETURN_HEADER_ROW + 3)
        .getCell(5).value,
    ).toBe(-599.99);
  });

  const pdftotext = existsSync('/usr/bin/pdftotext');
  it.skipIf(!pdftotext && process.env.CI !== 'true')(
    'the PDF holds the same figures as the page writes them, and the name exactly as written',
    async () => {
      const { document } = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
      const dir = mkdtempSync(path.join(tmpdir(), 'return-pdf-'));
      const file = path.join(dir, 'q2.pdf');
      writeFileSync(file, await renderReturnPdf(document, 'Draft'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const pence of [200_000, 205_050, 5_050, 50_050, 25_025, -25_025, 61_234, 11_234, 300_050, 291_309, -8_741, -19_975]) {
        expect(text).toContain(formatPence(pence));
      }
      expect(text).toContain(ZOE);
      expect(text).toContain('Not on track');
      expect(text).toContain('Winter pressures');
      // A provider typed with a plain apostrophe prints as typed too.
      const plain = {
        ...document,
        spendByScheme: document.spendByScheme.map((l) => (l.code === 'S2' ? { ...l, name: ZOE_ASCII_APOSTROPHE } : l)),
      };
      writeFileSync(file, await renderReturnPdf(plain, 'Draft'));
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(ZOE_ASCII_APOSTROPHE);
    },
  );
});

describe('a return sent for sign-off', () => {
  it('shows and exports the version sent, not figures changed since; a draft shows the live figures', async () => {
    const sent = await finance.submissions.send({ fundId: f.fundId, kind: 'q1' });
    expect(sent.status).toBe('awaiting_signatures');
    const [s1] = (await api.caller.schemes.list({ fundId: f.fundId })).filter((s) => s.code === 'S1');
    await api.caller.schemes.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'update', id: s1?.id ?? 0, version: s1?.version ?? 0, values: { q1ActualPence: 1 } }],
    });
    const view = await finance.returns.get({ fundId: f.fundId, kind: 'q1' });
    expect(view.frozen).toMatchObject({ round: 1 });
    expect(view.document.spendByScheme[0]).toMatchObject({ code: 'S1', actualToDatePence: 90_000 });
    const live = await finance.returns.get({ fundId: f.fundId, kind: 'q2' });
    expect(live.frozen).toBeNull();
    expect(live.document.spendByScheme[0]).toMatchObject({ code: 'S1', actualToDatePence: 115_051 });
  });
});
