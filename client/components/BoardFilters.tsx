// The board dashboard's period: which fund and which quarters, kept in the URL (?fund=2&from=1&to=3) so a view is a
// link to share; and links to the board pack (print page and PDF) of the same view.
import { useId } from 'react';
import type { BoardReport } from '../../shared/board-report';
import { QUARTERS, quarterLabel } from '../../shared/financial-year';
import { Link } from '../router';
import './import-export.css';

export interface BoardView {
  fundId?: number;
  fromQuarter?: number;
  toQuarter?: number;
}

const quarterIn = (text: string | null): number | undefined => {
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 1 && n <= 4 ? n : undefined;
};

/** The view a URL asks for. A value that is not a fund id or a quarter is ignored (the server's default is used), and
 * a "from" after "to" is dropped, so a mistyped link still opens a dashboard rather than an error. */
export function boardViewOf(params: URLSearchParams): BoardView {
  const fund = Number(params.get('fund'));
  const view: BoardView = {};
  if (Number.isSafeInteger(fund) && fund > 0) view.fundId = fund;
  const from = quarterIn(params.get('from'));
  const to = quarterIn(params.get('to'));
  if (from !== undefined && (to === undefined || from <= to)) view.fromQuarter = from;
  if (to !== undefined) view.toQuarter = to;
  return view;
}

/** The query string of the view the report shows, for the board pack links. */
export function boardPackQuery(report: BoardReport): string {
  return new URLSearchParams({
    fund: String(report.fund.id),
    from: String(report.period.fromQuarter),
    to: String(report.period.toQuarter),
  }).toString();
}

interface Props {
  report: BoardReport;
  view: BoardView;
  onChange: (changes: Record<string, string | null>) => void;
}

/** A labelled choice of quarter (with its months), for either end of the period. */
function QuarterSelect({ id, label, value, onChange }: { id: string; label: string; value: number; onChange: (quarter: number) => void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {QUARTERS.map((q) => (
          <option key={q} value={q}>
            {quarterLabel(q)}
          </option>
        ))}
      </select>
    </>
  );
}

export function BoardFilters({ report, view, onChange }: Props) {
  const id = useId();
  const fundId = view.fundId ?? report.fund.id;
  const from = view.fromQuarter ?? report.period.fromQuarter;
  const to = view.toQuarter ?? report.period.toQuarter;
  const query = boardPackQuery(report);
  // Moving one end past the other moves both, so the period is never empty.
  const setFrom = (q: number) => onChange({ from: String(q), ...(q > to ? { to: String(q) } : {}) });
  const setTo = (q: number) => onChange({ to: String(q), ...(q < from ? { from: String(q) } : {}) });
  return (
    <div className="board-filters" role="toolbar" aria-label="Board dashboard view" data-testid="board-toolbar">
      <fieldset className="board-period">
        {/* Named for screen readers; on screen the Fund, From and To labels say it all, with no heading above them. */}
        <legend className="visually-hidden">Fund and period</legend>
        <label htmlFor={`${id}-fund`}>Fund</label>
        <select id={`${id}-fund`} value={fundId} onChange={(e) => onChange({ fund: e.target.value })}>
          {report.funds.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} {f.financialYear}
            </option>
          ))}
        </select>
        <QuarterSelect id={`${id}-from`} label="From" value={from} onChange={setFrom} />
        <QuarterSelect id={`${id}-to`} label="To" value={to} onChange={setTo} />
      </fieldset>
      <p className="board-pack-links">
        <Link href={`/partnerships/${report.partnership.id}/board-pack?${query}`} className="button-link" data-testid="board-pack-link">
          Board pack (print)
        </Link>
        <a
          href={`/export/partnerships/${report.partnership.id}/board-pack.pdf?${query}`}
          className="button-link"
          download
          data-testid="board-pack-pdf"
        >
          Board pack (PDF)
        </a>
      </p>
    </div>
  );
}
