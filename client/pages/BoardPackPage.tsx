// /partnerships/<id>/board-pack?fund=<id>&from=<q>&to=<q>: the board pack as a page to print (A4 landscape, a page per
// section, the partnership, fund and date at the top of every printed page), with the PDF and Excel downloads of it.
// The page draws the pack of shared/board-pack, as the PDF and the workbook do, so all three say the same.
import { boardPack } from '../../shared/board-pack/sections';
import {
  cellText,
  evidenceCitation,
  isNegative,
  isNumeric,
  isNumericColumn,
  isWebUrl,
  NO_EVIDENCE,
  webLinkOf,
  type PackCell,
  type PackColumn,
  type PackMasthead,
  type PackRow,
  type PackSection,
  type PackTable,
} from '../../shared/board-pack/model';
import type { BoardReport, EvidenceRef } from '../../shared/board-report';
import type { MetricStatus } from '../../shared/metric-status';
import { NEGATIVE_CLASS } from '../../shared/wording';
import { useSearch } from '@tanstack/react-router';
import type { BoardView } from '../components/BoardFilters';
import { Breadcrumb } from '../components/Breadcrumb';
import { LoadError, Loading } from '../components/Loading';
import '../components/board-pack.css';
import { useBoardReport } from '../hooks/useBoardReport';
import { KeepFiguresWhole } from '../components/KeepFiguresWhole';
import { boardField, FigureComment } from '../components/comments/FigureComment';
import { useThreads } from '../components/comments/useThreads';
import type { ReactNode } from 'react';

/** What a table draws after a row's name: the figure's "Comment" button (the board pack's page only). */
type RowComment = (row: PackRow) => ReactNode;

/** The download URLs of the same view: the figures in the files are the figures on the page. */
function exportPath(report: BoardReport, format: 'pdf' | 'xlsx'): string {
  const query = new URLSearchParams({
    fund: String(report.fund.id),
    from: String(report.period.fromQuarter),
    to: String(report.period.toQuarter),
  });
  return `/export/partnerships/${report.partnership.id}/board-pack.${format}?${query.toString()}`;
}

/**
 * Text as a CSS string for the printed page's margin boxes, with every character but letters, digits and spaces as a
 * hex escape: a partnership named `"; } body { display: none` stays a name. (A hex escape ends at the space after it.)
 */
export function cssString(value: string): string {
  let out = '';
  for (const ch of value) out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `;
  return `"${out}"`;
}

/** The running header of every printed page: partnership and fund on the left, the date (and demo label) on the right. */
function runningHeaderCss(masthead: PackMasthead): string {
  const left = `${masthead.partnership}: ${masthead.fund}, ${masthead.period}`;
  const right = `${masthead.demo ? `${masthead.demo.label}. ` : ''}Board pack, ${masthead.date}`;
  return `@page board-pack { @top-left { content: ${cssString(left)}; } @top-right { content: ${cssString(right)}; } }`;
}

const STATUS_CLASS: Record<MetricStatus, string> = {
  on_track: 'board-pack-status-on',
  not_on_track: 'board-pack-status-off',
  data_not_available: 'board-pack-status-none',
};

/** How a cell looks beyond its text: figures right-aligned, a loss in the error colour, a status coloured (its words
 * say it; the colour only repeats it), a long address or narrative wrapped. */
function cellClass(cell: PackCell, column: PackColumn | undefined): string {
  const classes = [
    isNumeric(cell) ? 'num' : '',
    isNegative(cell) ? NEGATIVE_CLASS : '',
    cell.kind === 'status' ? STATUS_CLASS[cell.status] : '',
    cell.kind === 'link' ? 'board-pack-url' : '',
    cell.kind === 'unreported' ? 'muted' : '',
    column?.prose ? 'board-pack-narrative' : '',
  ];
  return classes.filter((c) => c !== '').join(' ');
}

function Cell({
  cell,
  column,
  rowHeader,
  strong,
  after,
}: {
  cell: PackCell;
  column: PackColumn | undefined;
  rowHeader: boolean;
  strong: boolean;
  after?: ReactNode;
}) {
  const link = webLinkOf(cell);
  const text = link ? <a href={link}>{link}</a> : <KeepFiguresWhole text={cellText(cell)} />;
  const content = strong ? <strong>{text}</strong> : text;
  const className = cellClass(cell, column) || undefined;
  return rowHeader ? (
    <th scope="row" className={className}>
      {content}
      {after}
    </th>
  ) : (
    <td className={className}>{content}</td>
  );
}

function EvidenceItem({ item }: { item: EvidenceRef }) {
  return (
    <li>
      <KeepFiguresWhole text={evidenceCitation(item)} /> {item.url && isWebUrl(item.url) ? <a href={item.url}>{item.url}</a> : item.url}
    </li>
  );
}

/** A row's evidence, under the row across the table. */
function EvidenceRow({ items, columns }: { items: readonly EvidenceRef[]; columns: number }) {
  return (
    <tr className="board-pack-evidence-row">
      <td colSpan={columns}>
        {items.length === 0 ? (
          <p className="board-pack-evidence">{NO_EVIDENCE}</p>
        ) : (
          <div className="board-pack-evidence">
            Evidence:
            <ul>
              {items.map((e) => (
                <EvidenceItem key={e.id} item={e} />
              ))}
            </ul>
          </div>
        )}
      </td>
    </tr>
  );
}

function Row({ row, table, comment }: { row: PackRow; table: PackTable; comment?: RowComment }) {
  const header = table.rowHeader ?? 0;
  const className = [row.emphasis ? 'board-pack-subtotal' : '', row.evidence ? 'board-pack-scheme' : ''].filter((c) => c !== '').join(' ');
  return (
    <>
      <tr className={className || undefined}>
        {row.cells.map((cell, i) => (
          <Cell
            key={i}
            cell={cell}
            column={table.columns[i]}
            rowHeader={i === header}
            strong={row.emphasis === true && isNumeric(cell)}
            after={i === header ? comment?.(row) : undefined}
          />
        ))}
      </tr>
      {row.evidence && <EvidenceRow items={row.evidence} columns={table.columns.length} />}
    </>
  );
}

/** A table of the board pack's model; the returns page (ReturnPanel) draws its tables with it too. */
export function Table({ table, comment }: { table: PackTable; comment?: RowComment }) {
  if (table.rows.length === 0) return <p className="muted">{table.empty}</p>;
  return (
    <table className="simple-table board-pack-table">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={c.header} scope="col" className={isNumericColumn(table, i) ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <Row key={i} row={row} table={table} comment={comment} />
        ))}
      </tbody>
    </table>
  );
}

/** A section: its title, what it is about, its table and how the figures were worked out. (Its chart is the PDF's;
 * on screen the board dashboard draws the same figures as charts.) */
function Section({ section, comment }: { section: PackSection; comment?: RowComment }) {
  const id = `board-pack-${section.key}`;
  return (
    <section className="board-pack-section" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{section.title}</h2>
      {section.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <Table table={section.table} comment={comment} />
      {section.notes.map((note) => (
        <p key={note} className="board-pack-note">
          {note}
        </p>
      ))}
    </section>
  );
}

/** A row of the pack in words, by its leading run of text ("NHS Northbridge and Vale ICB, Q2", "S1, Home care"; an
 * evidence item's number before it is passed over): a row's name alone can repeat (a partner by quarter), its name and
 * its quarter do not. */
export function packRowName(row: PackRow): string {
  const words: string[] = [];
  for (const cell of row.cells) {
    if (cell.kind !== 'text') {
      if (words.length > 0) break;
      continue;
    }
    if (cell.text.trim() !== '') words.push(cell.text.trim());
  }
  return words.join(', ');
}

/** The pack itself, from a report (the page's content once it has loaded). */
export function BoardPack({ report }: { report: BoardReport }) {
  const { masthead, sections } = boardPack(report);
  // Each row of a section is a figure of the fund a board member can comment on (entity 'fund', `board.<section>.<row>`).
  const comments = useThreads<{ id: number }>({ fundId: report.fund.id, entity: 'fund' });
  const commentOn =
    (section: PackSection): RowComment =>
    (row) => {
      const name = packRowName(row);
      const target = { entity: 'fund' as const, id: report.fund.id, field: boardField(section.key, name) };
      const label = `${section.title}: ${name}`;
      return (
        <FigureComment
          label={label}
          has={comments.hasOpen(target)}
          onOpen={(returnFocus) => comments.openTarget(target, label, returnFocus)}
        />
      );
    };
  return (
    <article className="board-pack" aria-labelledby="board-pack-title">
      <style>{runningHeaderCss(masthead)}</style>
      <Breadcrumb
        partnership={{ id: report.partnership.id, name: masthead.partnership }}
        here="Board pack"
        className="board-pack-screen-only"
      />
      <header className="board-pack-header">
        <h1 id="board-pack-title">Board pack: {masthead.partnership}</h1>
        <p className="board-pack-meta">
          <span data-testid="board-pack-fund">
            Fund: {masthead.fund}, {masthead.period}
          </span>
          <span>Board pack, {masthead.date}</span>
        </p>
        {masthead.demo && (
          <p className="banner banner-demo board-pack-demo" role="note">
            <strong>{masthead.demo.label}:</strong> {masthead.demo.detail}
          </p>
        )}
      </header>
      <div className="board-pack-actions board-pack-screen-only" role="group" aria-label="Print or download the board pack">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a className="button-link" href={exportPath(report, 'pdf')} download aria-label="Download PDF of the board pack">
          Download PDF
        </a>
        <a className="button-link" href={exportPath(report, 'xlsx')} download aria-label="Download Excel workbook of the board pack">
          Download Excel
        </a>
        <span className="muted">Printing gives A4 landscape pages, one section a page.</span>
      </div>
      {sections.map((section) => (
        <Section key={section.key} section={section} comment={commentOn(section)} />
      ))}
      {comments.panel}
    </article>
  );
}

export function BoardPackPage({ partnershipId }: { partnershipId: number }) {
  // The same reading of ?fund=&from=&to= as the dashboard, so its "Board pack" link opens the view it shows.
  const { fund, from, to } = useSearch({ from: '/_signedIn/partnerships/$partnershipId/board-pack' });
  const view: BoardView = { fundId: fund, fromQuarter: from, toQuarter: to };
  const report = useBoardReport(partnershipId, view);
  if (report.error) return <LoadError error={report.error} what="the board pack" />;
  if (!report.data) return <Loading what="the board pack" />;
  return <BoardPack report={report.data} />;
}
