// The board pack's one description (shared/board-pack), which the print page, the PDF and the workbook all draw: the
// sections in order with their titles, the masthead, the figures and totals of the tables, and how each cell reads.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cellText, evidenceNote, isNumericColumn, mastheadLine, NO_EVIDENCE, type PackSection } from '../../shared/board-pack/model';
import { boardPack } from '../../shared/board-pack/sections';
import { BOARD_PACK_SECTIONS, reportedTotal } from '../../shared/board-report';
import { boardReportFixture, FORMULA_PARTNER, HOSTILE_PARTNERSHIP, POPP_INTERIM } from '../support/board-report-fixture';

function section(sections: PackSection[], key: PackSection['key']): PackSection {
  const found = sections.find((s) => s.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

/** A table's rows as the text every renderer shows. */
const rowsAsText = (s: PackSection) => s.table.rows.map((r) => r.cells.map(cellText));

describe('the board pack model', () => {
  test('a section per entry of BOARD_PACK_SECTIONS, in order, with its title', () => {
    const pack = boardPack(boardReportFixture());
    expect(pack.sections.map((s) => [s.key, s.title])).toEqual(BOARD_PACK_SECTIONS.map((s) => [s.key, s.title]));
    expect(pack.title).toBe(`${HOSTILE_PARTNERSHIP}: Better Care Fund 2025/26, board pack`);
  });

  test('the masthead says whose pack, which fund and period, when, and labels demo data only for a demo partnership', () => {
    const { masthead } = boardPack(boardReportFixture());
    expect(masthead).toEqual({
      partnership: HOSTILE_PARTNERSHIP,
      fund: 'Better Care Fund 2025/26',
      year: '2025/26',
      period: 'Q1 to Q2',
      date: '15 June 2026',
      demo: { label: 'Illustrative demo data', detail: 'fictional organisations and amounts, not real figures.' },
    });
    expect(mastheadLine(masthead)).toBe(`${HOSTILE_PARTNERSHIP}: Better Care Fund 2025/26, Q1 to Q2.`);
    const real = boardPack(
      boardReportFixture({ partnership: { id: 8, name: 'Southfield', isDemo: false }, period: { fromQuarter: 3, toQuarter: 3 } }),
    );
    expect(real.masthead.demo).toBeNull();
    expect(real.masthead.period).toBe('Q3');
  });

  test('who paid what: each quarter, a subtotal per partner with its share, and all partners at 100%', () => {
    // Every quarter reported: one subtotal a partner over the whole period.
    const q2Paid = boardReportFixture().contributionsByQuarter.map((q) => ({
      ...q,
      reported: true,
      partners: q.partners.map((p) => ({ ...p, actualPence: p.actualPence ?? 1_000_000 })),
    }));
    const contributions = section(boardPack(boardReportFixture({ contributionsByQuarter: q2Paid })).sections, 'contributions');
    expect(rowsAsText(contributions)).toEqual([
      ['Northbridge Borough Council', 'Q1', '£3,000,000.00', '£2,900,000.01', '-£99,999.99', ''],
      ['Northbridge Borough Council', 'Q2', '£3,000,000.00', '£10,000.00', '-£2,990,000.00', ''],
      ['Northbridge Borough Council', 'Q1 to Q2', '£6,000,000.00', '£2,910,000.01', '-£3,089,999.99', '60.00%'],
      [FORMULA_PARTNER, 'Q1', '£2,000,000.00', '£2,100,000.00', '£100,000.00', ''],
      [FORMULA_PARTNER, 'Q2', '£2,000,000.00', '£10,000.00', '-£1,990,000.00', ''],
      [FORMULA_PARTNER, 'Q1 to Q2', '£4,000,000.00', '£2,110,000.00', '-£1,890,000.00', '40.00%'],
      ['All partners', 'Q1 to Q2', '£10,000,000.00', '£5,020,000.01', '-£4,979,999.99', '100.00%'],
    ]);
    expect(contributions.table.rows.map((r) => r.emphasis === true)).toEqual([false, false, true, false, false, true, true]);
    // The share column holds figures, so every drawing right-aligns it.
    expect(isNumericColumn(contributions.table, 5)).toBe(true);
    expect(contributions.chart?.series.map((s) => s.values)).toEqual([
      [600_000_000, 400_000_000],
      [291_000_001, 211_000_000],
    ]);
    expect(contributions.chart?.note).toBeUndefined();
  });

  test('who paid what with Q2 not yet reported: no £0.00 and no variance for Q2; totals say Q1 actual, the plan apart', () => {
    const contributions = section(boardPack(boardReportFixture()).sections, 'contributions');
    expect(rowsAsText(contributions)).toEqual([
      ['Northbridge Borough Council', 'Q1', '£3,000,000.00', '£2,900,000.01', '-£99,999.99', ''],
      ['Northbridge Borough Council', 'Q2', '£3,000,000.00', 'Not yet reported', '—', ''],
      ['Northbridge Borough Council', 'Q1 actual', '£3,000,000.00', '£2,900,000.01', '-£99,999.99', ''],
      ['Northbridge Borough Council', 'Planned, Q1 to Q2', '£6,000,000.00', 'Q2 not yet reported', '', '60.00%'],
      [FORMULA_PARTNER, 'Q1', '£2,000,000.00', '£2,100,000.00', '£100,000.00', ''],
      [FORMULA_PARTNER, 'Q2', '£2,000,000.00', 'Not yet reported', '—', ''],
      [FORMULA_PARTNER, 'Q1 actual', '£2,000,000.00', '£2,100,000.00', '£100,000.00', ''],
      [FORMULA_PARTNER, 'Planned, Q1 to Q2', '£4,000,000.00', 'Q2 not yet reported', '', '40.00%'],
      ['All partners', 'Q1 actual', '£5,000,000.00', '£5,000,000.01', '£0.01', ''],
      ['All partners', 'Planned, Q1 to Q2', '£10,000,000.00', 'Q2 not yet reported', '', '100.00%'],
    ]);
    // The chart sets Q1's actual against Q1's plan, and says Q2 is missing.
    expect(contributions.chart?.title).toContain('Q1 (£)');
    expect(contributions.chart?.series.map((s) => s.values)).toEqual([
      [300_000_000, 200_000_000],
      [290_000_001, 210_000_000],
    ]);
    expect(contributions.chart?.note).toMatch(/^Q2 not yet reported: totals of actual cover Q1 only/);
    expect(contributions.notes).toContain(contributions.chart?.note);
    // In the workbook an unreported cell is blank with a note, not a number.
    const q2 = contributions.table.rows[1]?.cells[3];
    expect(q2?.kind).toBe('unreported');
  });

  test('spend against plan with Q2 not yet reported: no actual bar for Q2, no variance, totals of Q1 beside Q1’s plan', () => {
    const spend = section(boardPack(boardReportFixture()).sections, 'spend');
    expect(rowsAsText(spend)).toEqual([
      ['Q1', '£4,800,000.00', '£512,345.67', '-£4,287,654.33'],
      ['Q2', '£4,800,000.00', 'Not yet reported', '—'],
      ['Q1 actual', '£4,800,000.00', '£512,345.67', '-£4,287,654.33'],
      ['Planned, Q1 to Q2', '£9,600,000.00', 'Q2 not yet reported', ''],
    ]);
    expect(spend.chart?.series.map((s) => s.values)).toEqual([
      [480_000_000, 480_000_000],
      [512_345_67, null],
    ]);
    expect(spend.chart?.note).toMatch(/^Q2 not yet reported/);
    const summary = rowsAsText(section(boardPack(boardReportFixture()).sections, 'summary'));
    expect(summary.slice(1, 4).map((r) => r.slice(0, 2))).toEqual([
      ['Spent to date (Q1 actual)', '£512,345.67'],
      ['Planned for Q1', '£4,800,000.00'],
      ['Planned spend (Q1 to Q2)', '£9,600,000.00'],
    ]);
    expect(summary[1]?.[2]).toContain('Q2 not yet reported');
  });

  test('nothing reported yet: spent to date reads "Not yet reported", and only the plan is totalled', () => {
    const report = boardReportFixture({
      spendByQuarter: [
        { quarter: 1, reported: false, plannedPence: 100, actualPence: null },
        { quarter: 2, reported: false, plannedPence: 200, actualPence: null },
      ],
    });
    report.tiles.spentToDate = reportedTotal(report.spendByQuarter);
    const summary = rowsAsText(section(boardPack(report).sections, 'summary'));
    expect(summary[1]?.slice(0, 2)).toEqual(['Spent to date (Q1 to Q2)', 'Not yet reported']);
    const spend = section(boardPack(report).sections, 'spend');
    expect(rowsAsText(spend).slice(2)).toEqual([['Planned, Q1 to Q2', '£3.00', 'Q1 and Q2 not yet reported', '']]);
    expect(spend.chart?.series[1]?.values).toEqual([null, null]);
  });

  test('the partners’ shares always add up to exactly 100%', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 8 }), (planned) => {
        const report = boardReportFixture({
          contributionsByQuarter: [
            {
              quarter: 1,
              reported: true,
              partners: planned.map((p, i) => ({ orgId: i + 1, name: `Partner ${i + 1}`, plannedPence: p, actualPence: 0 })),
            },
          ],
        });
        const rows = section(boardPack(report).sections, 'contributions').table.rows;
        const shares = rows.filter((r) => r.emphasis && cellText(r.cells[0] ?? { kind: 'text', text: '' }) !== 'All partners');
        const bp = shares.map((r) => {
          const share = r.cells[5];
          return share?.kind === 'share' ? (share.bp ?? 0) : Number.NaN;
        });
        expect(bp.reduce((a, b) => a + b, 0)).toBe(planned.some((p) => p > 0) ? 10_000 : 0);
      }),
    );
  });

  test('each ROI figure carries its evidence; the scheme name is the row header; an empty table says so', () => {
    const pack = boardPack(boardReportFixture());
    const returns = section(pack.sections, 'returns');
    expect(returns.table.rowHeader).toBe(1);
    expect(returns.table.rows.map((r) => r.evidence?.map((e) => e.id))).toEqual([[1, 2], []]);
    expect(evidenceNote([])).toBe(NO_EVIDENCE);
    expect(evidenceNote([POPP_INTERIM])).toBe(
      `Evidence:\n[1] ${POPP_INTERIM.claim}. ${POPP_INTERIM.publication}. ${POPP_INTERIM.url ?? ''}`,
    );
    const summary = section(pack.sections, 'summary');
    expect(summary.table.rows.find((r) => r.evidence)?.evidence).toHaveLength(3);

    const outcomes = section(pack.sections, 'outcomes');
    expect(rowsAsText(outcomes)[1]).toEqual([
      'Emergency admissions',
      'Per 100,000; lower is better',
      'Q2',
      '1,523.45 per 100,000',
      'No data yet',
      'Data not available',
      '\tawaiting SUS data',
    ]);

    const empty = boardPack(boardReportFixture({ schemeReturns: [] }));
    expect(section(empty.sections, 'returns').table.rows).toEqual([]);
    expect(section(empty.sections, 'returns').table.empty).toBe('No scheme of this fund has been appraised yet.');
    expect(section(empty.sections, 'returns').chart).toBeNull();
  });
});
