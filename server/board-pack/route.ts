// The board pack's download (issue 7, item 5): GET /export/partnerships/<id>/board-pack.pdf or .xlsx
// (?fund=<id>&from=<q>&to=<q>), a partnership's BoardReport drawn by ./pdf.ts or ./workbook.ts.
import type http from 'node:http';
import type { BoardReport } from '../../shared/board-report';
import { DownloadRefused, pathOf, refuse, serveDownload, slugOf } from '../download';
import { renderBoardPackPdf } from './pdf';
import { renderBoardPackXlsx } from './workbook';

/** The input of `reports.board`. */
export interface BoardReportQuery {
  partnershipId: number;
  fundId?: number;
  fromQuarter?: number;
  toQuarter?: number;
}

/** What the route needs of the API: `reports.board` (method syntax, so the router's own caller fits however its zod
 * schema narrows the input). Going through the caller makes who may download exactly who may call reports.board. */
export interface BoardReportCaller {
  reports: { board(input: BoardReportQuery): Promise<BoardReport> };
}

const ROUTE = /^\/export\/partnerships\/(\d{1,15})\/board-pack\.(pdf|xlsx)$/;

/** Whether a request is for a board pack (the server routes it here before the static files). */
export function isBoardPackRequest(url: string): boolean {
  return ROUTE.test(pathOf(url));
}

/** The route's query (?fund=&from=&to=) as reports.board's input; a value that is not a number is refused here with a
 * message naming it, and the procedure's own schema checks the rest (a quarter out of range, from after to). */
export function boardReportQuery(url: string, partnershipId: number): BoardReportQuery {
  const search = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const query: BoardReportQuery = { partnershipId };
  const whole = (name: string, what: string): number | undefined => {
    const raw = search.get(name);
    if (raw === null || raw === '') return undefined;
    if (!/^\d{1,15}$/.test(raw)) throw new DownloadRefused(400, `${name} must be ${what}, got '${raw.slice(0, 40)}'`);
    return Number(raw);
  };
  const fundId = whole('fund', 'a fund id (a whole number)');
  const fromQuarter = whole('from', 'a quarter from 1 to 4');
  const toQuarter = whole('to', 'a quarter from 1 to 4');
  if (fundId !== undefined) query.fundId = fundId;
  if (fromQuarter !== undefined) query.fromQuarter = fromQuarter;
  if (toQuarter !== undefined) query.toQuarter = toQuarter;
  return query;
}

/** "northbridge-bcf-better-care-fund-2025-26-q1-q4-board-pack": says what it is; each name is cut to 60 characters so
 * a long one still leaves room for the rest. */
export function boardPackFileStem(report: BoardReport): string {
  const partnership = slugOf(report.partnership.name).slice(0, 60).replace(/-+$/, '');
  const fund = slugOf(`${report.fund.name} ${report.fund.financialYear}`).slice(0, 60).replace(/-+$/, '');
  const quarters = `q${report.period.fromQuarter}-q${report.period.toQuarter}`;
  return [partnership, fund, quarters, 'board-pack'].filter((part) => part !== '').join('-');
}

/** Answer GET (or HEAD) /export/partnerships/<id>/board-pack.pdf or .xlsx (?fund=<id>&from=<q>&to=<q>). */
export async function handleBoardPack(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  caller: () => Promise<BoardReportCaller>,
): Promise<void> {
  const url = req.url ?? '/';
  const match = ROUTE.exec(pathOf(url));
  const format = match?.[2] === 'pdf' ? 'pdf' : match?.[2] === 'xlsx' ? 'xlsx' : null;
  if (!match || !format) return refuse(res, 404, 'Not found');
  const partnershipId = Number(match[1]);
  return serveDownload(
    req,
    res,
    async () => {
      const report = await (await caller()).reports.board(boardReportQuery(url, partnershipId));
      const body = format === 'pdf' ? await renderBoardPackPdf(report) : await renderBoardPackXlsx(report);
      return { format, fileStem: boardPackFileStem(report), body };
    },
    { while: 'making the board pack' },
  );
}
