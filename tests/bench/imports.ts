// The bench's imports: contribution files in the shape an export has (partner, funding source, quarter, planned,
// actual, note), read by the same functions the browser's import dialog uses and sent to contributions.import over
// HTTP as it sends them; and the same rows inserted raw with better-sqlite3, for the ratio.
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { delimitedRows, workbookRows } from '../../client/components/spreadsheet-file';
import { toCsv } from '../../shared/csv';
import { MAX_IMPORT_ROWS, type ContributionImportInput, type ImportPreview } from '../../shared/import';
import { parsePounds } from '../../shared/money';
import type { BenchClient } from './client';
import type { Random } from './prng';

export const IMPORT_HEADER = ['Partner', 'Funding source', 'Quarter', 'Planned (£)', 'Actual (£)', 'Note'];
const MAPPING = { partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 5 };

/** Pounds and pence as a finance officer types them: "12,345.67". */
function pounds(pence: number): string {
  return (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** One file's rows: every partner x funding source x quarter (the most a fund holds of them). */
export function importRows(r: Random, partners: string[], sourceNames: string[]): string[][] {
  const rows: string[][] = [];
  for (const partner of partners) {
    for (const source of sourceNames) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const planned = r.int(1_000, 5_000_000) * 100;
        rows.push([
          partner,
          source,
          `Q${quarter}`,
          pounds(planned),
          pounds(Math.round(planned * 0.9)),
          quarter === 1 ? 'From the provider return' : '',
        ]);
      }
    }
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new Error(`an import file holds at most ${MAX_IMPORT_ROWS} rows, got ${rows.length}`);
  return rows;
}

export function csvBytes(rows: string[][]): ArrayBuffer {
  const bytes = new TextEncoder().encode(toCsv([IMPORT_HEADER, ...rows]));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** A workbook as Excel saves one: money as numbers, text as text. */
export async function xlsxBytes(rows: string[][]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Contributions');
  sheet.addRow(IMPORT_HEADER);
  for (const [partner, source, quarter, planned, actual, note] of rows) {
    sheet.addRow([partner, source, quarter, Number((planned ?? '0').replace(/,/g, '')), Number((actual ?? '0').replace(/,/g, '')), note]);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer instanceof ArrayBuffer ? buffer : new Uint8Array(buffer).slice().buffer;
}

export interface ImportTiming {
  rows: number;
  parseMs: number;
  importMs: number;
}

/** Read the file as the import dialog does, then apply it as one import (one transaction, one undo step). */
export async function importFile(client: BenchClient, fundId: number, name: string, bytes: ArrayBuffer): Promise<ImportTiming> {
  const start = performance.now();
  const [header, ...rows] = name.endsWith('.xlsx') ? await workbookRows(bytes) : delimitedRows(name, bytes);
  const parsed = performance.now();
  const input: ContributionImportInput = {
    fundId,
    fileName: name,
    header: header ?? [],
    rows,
    mapping: MAPPING,
    mode: 'add',
    dryRun: false,
  };
  const result = await client.must(client.mutate<ImportPreview>('contributions.import', input), `import of ${name}`);
  const done = performance.now();
  if (!result.batchId || result.counts.new !== rows.length)
    throw new Error(`import of ${name} wrote ${result.counts.new} of ${rows.length} rows`);
  return { rows: rows.length, parseMs: parsed - start, importMs: done - parsed };
}

/**
 * The same rows with nothing but prepared INSERTs in one transaction: no checks; with `audit`, also the batch and the
 * seven audit events a new row gets (one per field, as the write path records them), to show what auditing costs.
 */
export function rawInsert(file: string, fundIds: number[], files: string[][][], audit = false): { rows: number; ms: number } {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  const orgs = new Map(
    (db.prepare('SELECT id, name FROM organisation').all() as { id: number; name: string }[]).map((o) => [o.name, o.id]),
  );
  const sources = new Map(
    (db.prepare('SELECT code, name FROM funding_source').all() as { code: string; name: string }[]).map((s) => [s.name, s.code]),
  );
  const insert = db.prepare(
    `INSERT INTO contribution (fund_id, org_id, source, quarter, planned_pence, actual_pence, note, version, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL)`,
  );
  const batch = db.prepare("INSERT INTO batch (id, at, user_id, kind, label, fund_id) VALUES (?, ?, NULL, 'import', 'Raw insert', ?)");
  const event = db.prepare(
    `INSERT INTO audit_event (batch_id, at, user_id, entity, entity_id, action, field, old_value, new_value, version_before,
       version_after, fund_id, partnership_id)
     VALUES (?, ?, NULL, 'contribution', ?, 'create', ?, NULL, ?, NULL, 1, ?, (SELECT partnership_id FROM fund WHERE id = ?))`,
  );
  const pence = (text: string) => {
    const parsed = parsePounds(text);
    return parsed.ok ? parsed.pence : 0;
  };
  const at = new Date().toISOString();
  let rows = 0;
  const start = performance.now();
  db.transaction(() => {
    files.forEach((fileRows, i) => {
      const fundId = fundIds[i] ?? 0;
      const batchId = `raw-${fundId}`;
      if (audit) batch.run(batchId, at, fundId);
      for (const [partner, sourceName, quarter, planned, actual, note] of fileRows) {
        const values = {
          fundId,
          orgId: orgs.get(partner ?? '') ?? 0,
          source: sources.get(sourceName ?? '') ?? '',
          quarter: Number((quarter ?? 'Q1').slice(1)),
          plannedPence: pence(planned ?? '0'),
          actualPence: pence(actual ?? '0'),
          note: note ?? '',
        };
        const { lastInsertRowid } = insert.run(
          values.fundId,
          values.orgId,
          values.source,
          values.quarter,
          values.plannedPence,
          values.actualPence,
          values.note,
          at,
        );
        if (audit) {
          for (const [field, value] of Object.entries(values))
            event.run(batchId, at, lastInsertRowid, field, JSON.stringify(value), fundId, fundId);
        }
        rows += 1;
      }
    });
  })();
  const ms = performance.now() - start;
  db.close();
  return { rows, ms };
}
