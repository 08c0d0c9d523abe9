// A return's downloads (issue "Sign-off and returns", item 4): GET /export/funds/<id>/returns/<kind>.pdf or .xlsx, the
// return as `returns.get` gives it (the version sent for sign-off while there is one, else the draft's live figures),
// drawn by ./pdf.ts or ./workbook.ts. Going through the API's caller makes who may download exactly who may read it.
import type http from 'node:http';
import { RETURN_KINDS, returnFileStem, type ReturnKind } from '../../shared/returns';
import { pathOf, refuse, serveDownload } from '../download';
import type { ReturnView } from '../services/returns';
import { renderReturnPdf } from './pdf';
import { renderReturnXlsx } from './workbook';

export interface ReturnCaller {
  returns: { get(input: { fundId: number; kind: ReturnKind }): Promise<ReturnView> };
}

const ROUTE = /^\/export\/funds\/(\d{1,15})\/returns\/(q1|q2|q3|year_end)\.(pdf|xlsx)$/;

/** Whether a request is for a return's download (the server routes it here before the static files). */
export function isReturnRequest(url: string): boolean {
  return ROUTE.test(pathOf(url));
}

/** The figures' version in words, on every page and sheet: which figures a reader holds. */
export function versionText(view: ReturnView): string {
  return view.frozen ? `Version ${view.frozen.round}, as sent for sign-off` : 'Draft: the figures as they are now';
}

export async function handleReturn(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  caller: () => Promise<ReturnCaller>,
): Promise<void> {
  const match = ROUTE.exec(pathOf(req.url ?? '/'));
  const kind = RETURN_KINDS.find((k) => k === match?.[2]);
  const format = match?.[3] === 'pdf' ? 'pdf' : match?.[3] === 'xlsx' ? 'xlsx' : null;
  if (!match || !kind || !format) return refuse(res, 404, 'Not found');
  const fundId = Number(match[1]);
  return serveDownload(
    req,
    res,
    async () => {
      const view = await (await caller()).returns.get({ fundId, kind });
      const body =
        format === 'pdf'
          ? await renderReturnPdf(view.document, versionText(view))
          : await renderReturnXlsx(view.document, versionText(view));
      return { format, fileStem: returnFileStem(view.document), body };
    },
    { while: 'making the return' },
  );
}
