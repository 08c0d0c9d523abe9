// Files downloaded over plain HTTP (a fund's contributions as CSV or .xlsx, its plan workbook, the board pack as PDF or
// .xlsx): one place for the content types, a file name safe in any header and file system, HEAD, and the refusals.
// Each route loads its data through the API's own procedures, so the API's refusals become the download's.
import type http from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { errorDetails } from './trpc';

export const DOWNLOAD_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export type DownloadFormat = keyof typeof DOWNLOAD_TYPES;

export interface Download {
  format: DownloadFormat;
  /** What the file is, in words ("Better Care Fund 2025/26 plan"); the file's name is made safe from it. */
  fileStem: string;
  body: Buffer;
}

/** A request a route refuses itself, before the API is asked (a query value that is not a number). */
export class DownloadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// A download is the reader's own data: never cached on the way, never sniffed into something else.
const NO_STORE = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

/** The path of a request's URL, without its query. */
export const pathOf = (url: string): string => url.split('?')[0] ?? '';

/** "Better Care Fund 2025/26" -> "better-care-fund-2025-26", "Bûcher" -> "bucher": letters, digits and single dashes, and nothing else. */
export function slugOf(value: string): string {
  return (
    value
      .normalize('NFKD')
      // The accents NFKD split off (Bûcher -> Bu + ^ + cher) go, so the letter keeps its word: "bucher", not "bu-cher".
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

export function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...NO_STORE }).end(message);
}

/** Send a file as an attachment: its type, a name only of letters, digits and dashes, its length; no body for HEAD. */
export function sendDownload(req: http.IncomingMessage, res: http.ServerResponse, download: Download): void {
  const { format, body } = download;
  res.writeHead(200, {
    'Content-Type': DOWNLOAD_TYPES[format],
    'Content-Disposition': `attachment; filename="${slugOf(download.fileStem) || 'download'}.${format}"`,
    'Content-Length': String(body.length),
    ...NO_STORE,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Answer a download route: GET and HEAD only; `make` loads the data through the API's caller and draws the file. The
 * API's refusals keep their status and message (401, 403, 404, 400 naming the field), as the API itself gives them;
 * anything unexpected is logged and a plain 500 saying what went wrong `while` (never the error itself).
 */
export async function serveDownload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  make: () => Promise<Download>,
  options: { while: string },
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...NO_STORE }).end();
    return;
  }
  let download: Download;
  try {
    download = await make();
  } catch (error) {
    if (error instanceof DownloadRefused) return refuse(res, error.status, error.message);
    if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
      return refuse(res, getHTTPStatusCodeFromError(error), errorDetails(error).message);
    }
    console.error(error);
    return refuse(res, 500, `Something went wrong on the server while ${options.while}`);
  }
  sendDownload(req, res, download);
}
