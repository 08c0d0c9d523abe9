// A return as a PDF (issue "Sign-off and returns", item 4), through the board pack's renderer (server/board-pack/pdf.ts
// PdfPack: A4 landscape, a running header, a section per part, figures right-aligned, negatives red beside their minus
// sign, "Page 2 of 5", the embedded Unicode font), drawn from the same tables as the page and the workbook
// (shared/returns.ts).
import { PdfPack } from '../board-pack/pdf';
import { returnParts, returnTitle, type ReturnDocument } from '../../shared/returns';

/** The return as a PDF: a section per part. `version` says which figures these are ("Version 2 sent for sign-off"). */
export async function renderReturnPdf(doc: ReturnDocument, version: string): Promise<Buffer> {
  const title = returnTitle(doc);
  const pdf = await PdfPack.open({ name: title, detail: null, what: version, flag: null, footer: title }, { title });
  for (const part of returnParts(doc)) {
    pdf.startSection(part.title);
    for (const table of part.tables) pdf.table(table);
  }
  return pdf.finish();
}
