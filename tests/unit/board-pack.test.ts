// The board pack's files from a hand-made BoardReport (issue 7, item 5): the PDF read back with pdftotext (a page per
// section, each starting with its title under a header naming the partnership, fund and date; the figures; the
// evidence of every ROI figure; names drawn literally), and the workbook read back with exceljs (a sheet per section,
// £ numbers, frozen headers, formula text neutralised).
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { BOARD_PACK_SECTIONS, reportedTotal, type BoardReport, type SchemeReturn } from '../../shared/board-report';
import { renderBoardPackPdf } from '../../server/board-pack/pdf';
import { pdfText } from '../../server/board-pack/pdf-style';
import { BOARD_PACK_HEADER_ROW, renderBoardPackXlsx } from '../../server/board-pack/workbook';
import { boardPackSections } from '../../shared/board-pack/sections';
import { EXCEL_FORMATS, WORDS } from '../../shared/wording';
import { formatRatio } from '../../shared/roi';
import { boardReportFixture, FORMULA_PARTNER, HOSTILE_PARTNERSHIP, POPP_FINAL, POPP_INTERIM } from '../support/board-report-fixture';
import { linesOf, pdfInfo, pdfPages, pdftotextAvailable } from '../support/pdf-text';

const havePdftotext = pdftotextAvailable();
const TITLES: string[] = BOARD_PACK_SECTIONS.map((s) => s.title);

/** The running header's lines, as pdftotext reads them in reading order. */
function headerLines(report: BoardReport): string[] {
  return [
    report.partnership.name,
    'Board pack, 15 June 2026',
    `Fund: ${report.fund.name} ${report.fund.financialYear}, Q${report.period.fromQuarter} to Q${report.period.toQuarter}`,
    ...(report.partnership.isDemo ? ['Illustrative demo data'] : []),
  ];
}

/** Which section each page belongs to, read from the first line after the running header. */
function sectionOfEachPage(pages: string[], report: BoardReport): string[] {
  const header = headerLines(report);
  return pages.map((page, i) => {
    const lines = linesOf(page);
    // pdftotext reads the header's left and right blocks in either order; what matters is that they come first.
    expect(lines.slice(0, header.length).sort(), `page ${i + 1} starts with the running header`).toEqual([...header].sort());
    const title = lines[header.length] ?? '';
    return title.replace(/ \(continued\)$/, '');
  });
}

describe.runIf(havePdftotext)('the board pack as a PDF', () => {
  test('A4 landscape, one page per section in order, each under a header with the partnership, fund and date', async () => {
    const report = boardReportFixture();
    const pdf = await renderBoardPackPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toBe('841.89 x 595.28 pts (A4)');
    expect(info.Title).toBe(`${HOSTILE_PARTNERSHIP}: Better Care Fund 2025/26, board pack`);
    const pages = await pdfPages(pdf);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(sectionOfEachPage(pages, report)).toEqual(TITLES);
    pages.forEach((page, i) => expect(page, `page ${i + 1}'s footer`).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  test('the figures, formatted as the app formats them, on the page of their section', async () => {
    const report = boardReportFixture();
    const pages = await pdfPages(await renderBoardPackPdf(report), { layout: true });
    const page = (title: string) => pages[TITLES.indexOf(title)] ?? '';
    const row = (title: string, start: string) =>
      page(title)
        .split('\n')
        .map((l) => l.trim().replace(/\s+/g, ' '))
        .filter((l) => l.startsWith(start));

    expect(row('Summary', 'Pooled total')[0]).toContain('£24,600,000.00');
    expect(row('Summary', 'Spent to date (Q1 actual)')[0]).toContain('£512,345.67');
    expect(row('Summary', 'Planned for Q1')[0]).toContain('£4,800,000.00');
    expect(row('Summary', 'Savings per £1')[0]).toContain('£0.73');
    expect(row('Summary', 'Metrics on track')[0]).toMatch(/on track 1 /);

    expect(row('Who paid what', 'Northbridge Borough Council Q1 ')[0]).toBe(
      'Northbridge Borough Council Q1 £3,000,000.00 £2,900,000.01 -£99,999.99',
    );
    // Q2 is not reported yet: it reads so, with no variance, and the totals cover Q1 beside Q1's plan.
    expect(row('Who paid what', 'Northbridge Borough Council Q2 ')[0]).toBe(
      'Northbridge Borough Council Q2 £3,000,000.00 Not yet reported —',
    );
    expect(row('Who paid what', 'Northbridge Borough Council Q1 actual')[0]).toBe(
      'Northbridge Borough Council Q1 actual £3,000,000.00 £2,900,000.01 -£99,999.99',
    );
    expect(row('Who paid what', 'Northbridge Borough Council Planned, Q1 to Q2')[0]).toBe(
      'Northbridge Borough Council Planned, Q1 to Q2 £6,000,000.00 Q2 not yet reported 60.00%',
    );
    expect(row('Who paid what', `${FORMULA_PARTNER} Planned, Q1 to Q2`)[0]).toContain('40.00%');
    expect(row('Who paid what', 'All partners Q1 actual')[0]).toBe('All partners Q1 actual £5,000,000.00 £5,000,000.01 £0.01');
    expect(row('Who paid what', 'All partners Planned')[0]).toBe(
      'All partners Planned, Q1 to Q2 £10,000,000.00 Q2 not yet reported 100.00%',
    );

    expect(row('Spend against plan', 'Q2 £')[0]).toBe('Q2 £4,800,000.00 Not yet reported —');
    expect(row('Spend against plan', 'Q1 actual')[0]).toBe('Q1 actual £4,800,000.00 £512,345.67 -£4,287,654.33');
    expect(row('Spend against plan', 'Planned, Q1 to Q2')[0]).toBe('Planned, Q1 to Q2 £9,600,000.00 Q2 not yet reported');
    expect(page('Spend against plan').replace(/\s+/g, ' ')).toContain('Q2 not yet reported: totals of actual cover Q1 only');
    for (const title of ['Spend against plan', 'Who paid what']) {
      expect(page(title), title).not.toContain('£0.00');
      expect(page(title), title).not.toContain('-£9,087,654.33');
    }

    const s01 = row('Return on investment', 'S01 Falls prevention')[0];
    for (const figure of ['£1,000,000.00', '£730,000.00', '£0.73', '£0.80', '£1.60', '-£28,123.45', '0.70']) {
      expect(s01, figure).toContain(figure);
    }
    // The payback words, as the Outcomes page says them; the narrow column wraps them onto the row's next line.
    const returns = page('Return on investment')
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '));
    const s01Line = returns.findIndex((l) => l.startsWith('S01 Falls prevention'));
    expect(returns[s01Line]).toMatch(/0\.70 Not within the$/);
    expect(returns[s01Line + 1]).toBe('years appraised');
    expect(WORDS.notPaidBack).toBe('Not within the years appraised');
    expect(row('Return on investment', '+S02')[0]).toMatch(/No cost .* Year 3$/);

    const outcomes = page('Outcomes against targets').replace(/\s+/g, ' ');
    for (const text of [
      '1,523.45 per 100,000',
      '1,500.00 per 100,000',
      'No data yet',
      '82.50%',
      '80.12%',
      'On track',
      'Not on track',
      'Data not available',
    ]) {
      expect(outcomes, text).toContain(text);
    }
    expect(row('Who invests and who benefits', 'All parties')[0]).toBe('All parties £1,000,000.00 £730,000.00 -£270,000.00');
    expect(row('Evidence', '3 @SUM(1)')[0]).toContain('£4,088.00 £3,500.00 —');
  });

  test('every ROI figure lists its evidence: claim, publication and URL', async () => {
    const report = boardReportFixture();
    const pages = await pdfPages(await renderBoardPackPdf(report));
    const flat = (title: string) => (pages[TITLES.indexOf(title)] ?? '').replace(/\s+/g, ' ');
    const returns = flat('Return on investment');
    for (const e of [POPP_INTERIM, POPP_FINAL]) {
      expect(returns).toContain(`[${e.id}] ${e.claim}. ${e.publication}. ${e.url ?? ''}`);
    }
    expect(returns).toContain('Evidence: none recorded for this figure.');
    // The headline savings per £1 rests on every item the schemes used.
    const summary = flat('Summary');
    for (const e of report.evidence) expect(summary).toContain(`[${e.id}] ${e.claim}`);
    const evidence = flat('Evidence');
    for (const e of report.evidence) {
      expect(evidence).toContain(e.claim);
      expect(evidence).toContain(e.publication);
    }
    expect(evidence).toContain('https://www.pssru.ac.uk/pub/dp2649.pdf');
  });

  test('names are drawn as literal text, in any script the embedded font has; demo data is labelled on every page', async () => {
    const report = boardReportFixture();
    const pages = await pdfPages(await renderBoardPackPdf(report));
    for (const page of pages) {
      expect(page).toContain('<img src=x onerror=alert(1)> Partnership');
      expect(page).toContain('Illustrative demo data');
    }
    // Ω is beyond Helvetica's WinAnsi, which printed it as "?"; the embedded DejaVu Sans prints it as written.
    expect(pages.join('\f')).toContain('Falls prevention – Ωmega');
    expect(pdfText('a\tb\rc\u0007d€’Ωŵ')).toBe('a b c d€’Ωŵ');

    const real = boardReportFixture({ partnership: { id: 8, name: 'Southfield Partnership', isDemo: false } });
    const realPages = await pdfPages(await renderBoardPackPdf(real));
    expect(sectionOfEachPage(realPages, real)).toEqual(TITLES);
    expect(realPages.join('\f')).not.toContain('Illustrative demo data');
  });

  test('a partnership name too long for the header is cut to one line with "…", and stays in full on the summary', async () => {
    const name = `${'Northbridge and Vale Integrated Care Partnership '.repeat(6)}end`;
    const report = boardReportFixture({ partnership: { id: 9, name, isDemo: false } });
    const pages = await pdfPages(await renderBoardPackPdf(report));
    expect(pages).toHaveLength(TITLES.length);
    for (const [i, page] of pages.entries()) {
      const lines = linesOf(page);
      const header = lines.find((l) => l.startsWith('Northbridge and Vale'));
      expect(header, `page ${i + 1}`).toMatch(/^Northbridge and Vale .*…$/);
      expect(lines.slice(0, 5), `page ${i + 1}`).toContain(TITLES[i]);
    }
    expect((pages[0] ?? '').replace(/\s+/g, ' ')).toContain(`${name}: Better Care Fund 2025/26`);
  });

  test('a section longer than a page runs on to pages titled "(continued)" with the header, and the next section starts a new page', async () => {
    const scheme = boardReportFixture().schemeReturns[0];
    if (!scheme) throw new Error('the fixture has a scheme');
    const many: SchemeReturn[] = Array.from({ length: 40 }, (_, i) => ({ ...scheme, schemeId: 100 + i, code: `S${100 + i}` }));
    const report = boardReportFixture({ schemeReturns: many });
    const pages = await pdfPages(await renderBoardPackPdf(report));
    const sections = sectionOfEachPage(pages, report);
    expect([...new Set(sections)]).toEqual(TITLES);
    const returnsPages = sections.filter((s) => s === 'Return on investment').length;
    expect(returnsPages).toBeGreaterThan(2);
    const continued = pages.filter((p) => p.includes('Return on investment (continued)'));
    expect(continued).toHaveLength(returnsPages - 1);
    // Every scheme is there, once, with its evidence.
    const all = pages.join('\n');
    for (const s of many) expect(all.match(new RegExp(`^${s.code}$`, 'gm')) ?? [], s.code).toHaveLength(1);
  });

  test('an empty report still has every section, each saying there is nothing to show', async () => {
    const report = boardReportFixture({
      contributionsByQuarter: [],
      spendByQuarter: [],
      schemeReturns: [],
      metricTrends: [],
      investsVsBenefits: [],
      evidence: [],
      tiles: { pooledPence: 0, spentToDate: reportedTotal([]), savedPerPoundBp: null, metricsOnTrack: 0, metricsTotal: 0 },
    });
    const pages = await pdfPages(await renderBoardPackPdf(report));
    expect(sectionOfEachPage(pages, report)).toEqual(TITLES);
    const all = pages.join('\n');
    expect(all).toContain('No cost recorded');
    expect(all).toContain('No contributions have been recorded for this period.');
    expect(all).toContain('No scheme of this fund has been appraised yet.');
  });
});

/** A cell's note (comment) as plain text, as exceljs reads it back. */
function noteOf(cell: ExcelJS.Cell | undefined): string | undefined {
  const note = cell?.note;
  if (note === undefined || typeof note === 'string') return note;
  return note.texts?.map((t) => t.text).join('');
}

/** A cell's value as text, for cells that hold text. */
function textOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return String(value);
}

async function readBack(report: BoardReport): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer.
  await workbook.xlsx.load((await renderBoardPackXlsx(report)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** The data rows of a sheet (under the frozen header), as their cells. */
function dataRows(sheet: ExcelJS.Worksheet, count: number): ExcelJS.Row[] {
  return Array.from({ length: count }, (_, i) => sheet.getRow(BOARD_PACK_HEADER_ROW + 1 + i));
}

describe('the board pack as a workbook', () => {
  test('one sheet per section, in order, each with its header row frozen', async () => {
    const report = boardReportFixture();
    const workbook = await readBack(report);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(TITLES);
    const sections = boardPackSections(report);
    for (const [i, sheet] of workbook.worksheets.entries()) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: BOARD_PACK_HEADER_ROW });
      const headers = sheet.getRow(BOARD_PACK_HEADER_ROW).values;
      const section = sections[i];
      if (!section) throw new Error('a section per sheet');
      expect(Array.isArray(headers) ? headers.slice(1, section.table.columns.length + 1) : [], sheet.name).toEqual(
        section.table.columns.map((c) => c.header),
      );
      expect(textOf(sheet.getCell('A2')), sheet.name).toMatch(/^Illustrative demo data: not real figures\. Q1 to Q2 of 2025\/26/);
    }
  });

  test('money, savings per £1 and metric values are numbers with formats', async () => {
    const workbook = await readBack(boardReportFixture());
    const sheet = (name: string) => {
      const found = workbook.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    };
    const [pooled, spent, plannedSpent, , perPound, onTrack] = dataRows(sheet('Summary'), 6);
    expect(pooled?.getCell(2).value).toBe(24_600_000);
    expect(pooled?.getCell(2).numFmt).toBe(EXCEL_FORMATS.money);
    expect(EXCEL_FORMATS.money).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
    expect(spent?.getCell(2).value).toBe(512_345.67);
    expect(plannedSpent?.getCell(2).value).toBe(4_800_000);
    expect(perPound?.getCell(2).value).toBe(0.73);
    expect(perPound?.getCell(2).numFmt).toBe(EXCEL_FORMATS.perPound);
    expect(textOf(perPound?.getCell(4) ?? sheet('Summary').getCell('D1'))).toContain(`[1] ${POPP_INTERIM.claim}`);
    expect(onTrack?.getCell(2).value).toBe(1);

    const [q1, q2] = dataRows(sheet('Who paid what'), 2);
    expect([q1?.getCell(3).value, q1?.getCell(4).value, q1?.getCell(5).value]).toEqual([3_000_000, 2_900_000.01, -99_999.99]);
    for (const c of [3, 4, 5]) expect(q1?.getCell(c).numFmt).toBe(EXCEL_FORMATS.money);
    // Q2 is not reported yet: actual and variance are blank (never 0), each with a note saying why.
    expect([q2?.getCell(3).value, q2?.getCell(4).value, q2?.getCell(5).value]).toEqual([3_000_000, null, null]);
    expect(noteOf(q2?.getCell(4))).toBe('Q2 actual not yet reported: left blank, not £0');
    expect(noteOf(q2?.getCell(5))).toBe('No variance: Q2 actual not yet reported');
    const [, spendQ2, spendQ1Total, spendPlan] = dataRows(sheet('Spend against plan'), 4);
    expect([spendQ2?.getCell(1).value, spendQ2?.getCell(2).value, spendQ2?.getCell(3).value, spendQ2?.getCell(4).value]).toEqual([
      'Q2',
      4_800_000,
      null,
      null,
    ]);
    expect([spendQ1Total?.getCell(1).value, spendQ1Total?.getCell(2).value, spendQ1Total?.getCell(3).value]).toEqual([
      'Q1 actual',
      4_800_000,
      512_345.67,
    ]);
    expect([spendPlan?.getCell(1).value, spendPlan?.getCell(2).value, spendPlan?.getCell(3).value]).toEqual([
      'Planned, Q1 to Q2',
      9_600_000,
      null,
    ]);
    expect(noteOf(spendPlan?.getCell(3))).toBe('Q2 not yet reported: no actual to set against this plan');

    const [s01, s02] = dataRows(sheet('Return on investment'), 2);
    expect([s01?.getCell(3).value, s01?.getCell(5).value, s01?.getCell(6).value, s01?.getCell(7).value]).toEqual([
      1_000_000, 0.73, 0.8, 1.6,
    ]);
    expect(s01?.getCell(8).value).toBe(-28_123.45);
    expect(s01?.getCell(9).value).toBe(0.7012);
    expect(s01?.getCell(9).numFmt).toBe(EXCEL_FORMATS.ratio);
    expect(s01?.getCell(10).value).toBe(WORDS.notPaidBack);
    expect(textOf(s01?.getCell(11) ?? sheet('Summary').getCell('A1'))).toContain(`${POPP_FINAL.publication}. ${POPP_FINAL.url ?? ''}`);
    expect(s02?.getCell(5).value).toBe(WORDS.noCost);
    expect(s02?.getCell(10).value).toBe(3);
    expect(s02?.getCell(10).numFmt, 'a payback year reads "Year 3"').toBe(EXCEL_FORMATS.payback);

    const [ea1, ea2, home1] = dataRows(sheet('Outcomes against targets'), 3);
    expect(ea1?.getCell(4).value).toBe(1523.45);
    expect(ea2?.getCell(5).value).toBe('No data yet');
    expect(ea2?.getCell(6).value).toBe('Data not available');
    expect(home1?.getCell(5).value).toBe(0.8012);
    expect(home1?.getCell(5).numFmt).toBe('0.00%');
  });

  test('text a spreadsheet would run as a formula starts with an apostrophe, and only web URLs become links', async () => {
    const workbook = await readBack(boardReportFixture());
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const texts = cells.map(textOf);
    for (const hostile of [
      FORMULA_PARTNER,
      '+S02',
      '-Discharge to assess',
      '@SUM(1) a fall admission costs about £4,088',
      '\tawaiting SUS data',
    ]) {
      expect(texts, hostile).toContain(`'${hostile}`);
      expect(texts, hostile).not.toContain(hostile);
    }
    // A CR is written as it is; XML reads it back as a line feed, still behind the apostrophe.
    expect(texts.filter((t) => /^[\r\n]?below target$/.test(t.replace(/^'/, '')))).toEqual([
      expect.stringMatching(/^'[\r\n]below target$/),
    ]);
    // The hostile partnership name is plain text in the titles (it is not formula text, so it is unchanged).
    expect(texts.some((t) => t.includes(HOSTILE_PARTNERSHIP))).toBe(true);

    const evidence = workbook.getWorksheet('Evidence');
    const [first, second] = evidence ? dataRows(evidence, 2) : [];
    expect(first?.getCell(7).value).toEqual({ text: POPP_INTERIM.url, hyperlink: POPP_INTERIM.url });
    expect(second?.getCell(7).value).toBe('javascript:alert(1)');
  });
});

describe('formatting helpers', () => {
  test('a benefit-cost ratio to two decimals, exactly, half up', () => {
    expect([
      formatRatio(12_000),
      formatRatio(7012),
      formatRatio(7050),
      formatRatio(0),
      formatRatio(-12_345),
      formatRatio(123_456_789),
    ]).toEqual(['1.20', '0.70', '0.71', '0.00', '-1.23', '12,345.68']);
  });
});
