// The board pack's "National conditions" section: each condition of the fund's year with its answer and commentary, in
// the section model, the PDF (read back with pdftotext) and the workbook (read back with exceljs).
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderBoardPackPdf } from '../../server/board-pack/pdf';
import { BOARD_PACK_HEADER_ROW, renderBoardPackXlsx } from '../../server/board-pack/workbook';
import { cellText } from '../../shared/board-pack/model';
import { boardPackSections } from '../../shared/board-pack/sections';
import { BOARD_PACK_SECTIONS } from '../../shared/board-report';
import { boardReportFixture, CONDITION_COMMENTARY } from '../support/board-report-fixture';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';

const TITLES: string[] = BOARD_PACK_SECTIONS.map((s) => s.title);

describe('the National conditions section', () => {
  test('lists each condition with its answer ("Not answered" when none) and commentary, and tallies them', () => {
    const section = boardPackSections(boardReportFixture()).find((s) => s.key === 'conditions');
    expect(section?.title).toBe('National conditions');
    expect(section?.table.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['NC1', 'A jointly agreed plan, signed off by the HWB', 'Yes', ''],
      ['NC2', 'Implementing the BCF policy objectives', 'No', CONDITION_COMMENTARY],
      ['NC3', 'Complying with grant and funding conditions', 'Not answered', ''],
    ]);
    expect(section?.paragraphs[0]).toBe(
      'The national conditions of BCF year 2025/26, as the plan answers them. 1 of 3 answered Yes, 1 No; 1 still to answer or explain.',
    );
    const none = boardPackSections(boardReportFixture({ conditions: { bcfYear: '2019/20', answers: [] } })).find(
      (s) => s.key === 'conditions',
    );
    expect(none?.table.rows).toEqual([]);
    expect(none?.table.empty).toBe('BCF year 2019/20 has no national conditions.');
  });

  test.runIf(pdftotextAvailable())('the PDF holds an answered condition with its commentary, on the section’s page', async () => {
    const pdf = await renderBoardPackPdf(boardReportFixture());
    const at = TITLES.indexOf('National conditions');
    const text = ((await pdfPages(pdf))[at] ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(CONDITION_COMMENTARY);
    // Read as laid out: each condition's row holds its answer and (NC2's) the start of its commentary.
    const rows = ((await pdfPages(pdf, { layout: true }))[at] ?? '').split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    expect(rows.find((l) => l.startsWith('NC2 '))).toMatch(
      /^NC2 Implementing the BCF policy objectives No Sign-off moved to the July board;/,
    );
    expect(rows.find((l) => l.startsWith('NC3 '))).toMatch(/^NC3 Complying with grant and funding conditions Not answered$/);
  });

  test('the workbook has a National conditions sheet whose rows hold each answer and commentary', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderBoardPackXlsx(boardReportFixture())) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('National conditions');
    if (!sheet) throw new Error('no National conditions sheet');
    expect(sheet.getRow(BOARD_PACK_HEADER_ROW).values).toEqual([undefined, 'Condition', 'National condition', 'Answer', 'Commentary']);
    const row = (n: number) => [1, 2, 3, 4].map((c) => sheet.getRow(BOARD_PACK_HEADER_ROW + n).getCell(c).value);
    expect(row(1)).toEqual(['NC1', 'A jointly agreed plan, signed off by the HWB', 'Yes', null]);
    expect(row(2)).toEqual(['NC2', 'Implementing the BCF policy objectives', 'No', CONDITION_COMMENTARY]);
    expect(row(3)).toEqual(['NC3', 'Complying with grant and funding conditions', 'Not answered', null]);
  });
});
