// Import contributions from a spreadsheet (issue 4, item 7): choose a .csv, .tsv or .xlsx file, say which column is
// which, choose whether existing rows (same partner, funding source and quarter) are updated, and see a preview of new
// rows, changed cells and errors before anything is written. The server checks and applies; one import is one undo.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  columnLetter,
  findHeaderRow,
  guessMapping,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  MAX_IMPORT_ROWS,
  REQUIRED_IMPORT_FIELDS,
  type ImportChangeField,
  type ImportField,
  type ImportMapping,
  type ImportMode,
  type ImportPreview,
  type ImportPreviewRow,
} from '../../shared/import';
import { formatPence } from '../../shared/money';
import { useContributionImport } from '../hooks/useContributions';
import { lockedFieldOfError, useReloadLocks } from '../hooks/useFundLocks';
import { apiError } from '../trpc';
import { delimitedRows, isWorkbook, readBytes, workbookRows } from './spreadsheet-file';
import './import-export.css';
import { TableHead } from './SimpleTable';

interface LoadedFile {
  name: string;
  /** Every row of the sheet, the header row included. */
  table: string[][];
  /** 0-based index of the header row in `table`. */
  headerIndex: number;
}

interface Busy {
  label: string;
  /** Omitted while the amount of work is unknown (the server is checking): the bar then shows activity only. */
  value?: number;
  max?: number;
}

interface Props {
  fundId: number;
  /** "Better Care Fund 2025/26", for the title. */
  fundLabel: string;
  onClose: () => void;
  onImported: (result: ImportPreview, fileName: string) => void;
}

/** How many preview rows are drawn; the counts above the table always cover every row. */
const PREVIEW_LIMIT = 500;
const STATUS_ORDER: Record<ImportPreviewRow['status'], number> = { error: 0, changed: 1, new: 2, unchanged: 3 };
const STATUS_TEXT: Record<ImportPreviewRow['status'], string> = { error: 'Error', changed: 'Changed', new: 'New', unchanged: 'Unchanged' };
const CHANGE_LABELS: Record<ImportChangeField, string> = { plannedPence: 'Planned (£)', actualPence: 'Actual (£)', note: 'Note' };

function showValue(field: ImportChangeField, value: string | number | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return formatPence(value);
  return value === '' ? '(empty)' : value;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function ImportDialog({ fundId, fundLabel, onClose, onImported }: Props) {
  const check = useContributionImport();
  const dialog = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<Partial<ImportMapping>>({});
  const [mode, setMode] = useState<ImportMode>('update');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reloadLocks = useReloadLocks();

  const previewHeading = useRef<HTMLHeadingElement>(null);

  // Focus moves into the dialog when it opens and back to what opened it when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    fileInput.current?.focus();
    return () => opener?.focus();
  }, []);

  // Esc closes from anywhere, even when the focused button was just disabled while the server worked.
  useEffect(() => {
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [busy, onClose]);

  // A new preview takes focus to its heading, so a screen reader reads the counts next.
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  const header = useMemo(() => (file ? (file.table[file.headerIndex] ?? []) : []), [file]);
  const dataRows = useMemo(() => (file ? file.table.slice(file.headerIndex + 1) : []), [file]);
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);

  async function chooseFile(chosen: File) {
    setError(null);
    setPreview(null);
    setFile(null);
    try {
      setBusy({ label: `Reading ${chosen.name}`, value: 0, max: chosen.size || 1 });
      const bytes = await readBytes(chosen, (done, total) => setBusy({ label: `Reading ${chosen.name}`, value: done, max: total || 1 }));
      setBusy({ label: isWorkbook(chosen.name) ? `Opening the workbook ${chosen.name}` : `Reading the rows of ${chosen.name}` });
      const table = isWorkbook(chosen.name) ? await workbookRows(bytes) : delimitedRows(chosen.name, bytes);
      if (table.length === 0) throw new Error(`${chosen.name} has no rows`);
      const headerIndex = findHeaderRow(table);
      const rowCount = table.length - headerIndex - 1;
      if (rowCount > MAX_IMPORT_ROWS) {
        throw new Error(
          `${chosen.name} has ${plural(rowCount, 'row')}; an import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')}: split it and import each part`,
        );
      }
      setFile({ name: chosen.name, table, headerIndex });
      setMapping(guessMapping(table[headerIndex] ?? []));
    } catch (e) {
      setError(e instanceof Error ? `${e.message}. Choose a .csv, .tsv or .xlsx file.` : String(e));
    } finally {
      setBusy(null);
    }
  }

  /** The request: only the mapped columns are sent (an export's computed variance and any other columns stay here). */
  function request(dryRun: boolean) {
    if (!file) return null;
    const used = IMPORT_FIELDS.filter((f) => mapping[f] !== undefined);
    const columns = used.map((f) => mapping[f] ?? 0);
    const compact: Partial<ImportMapping> = {};
    used.forEach((f, i) => (compact[f] = i));
    const { partner, source, quarter } = compact;
    if (partner === undefined || source === undefined || quarter === undefined) return null;
    return {
      fundId,
      fileName: file.name,
      headerRow: file.headerIndex + 1,
      header: columns.map((c) => header[c] ?? ''),
      rows: dataRows.map((row) => columns.map((c) => row[c] ?? '')),
      mapping: { ...compact, partner, source, quarter },
      mode,
      dryRun,
    };
  }

  async function run(dryRun: boolean) {
    const input = request(dryRun);
    if (!input || !file) return;
    setError(null);
    const rows = plural(input.rows.length, 'row');
    setBusy({ label: dryRun ? `Checking ${rows} against the fund` : `Importing ${rows}` });
    try {
      const result = await check.mutateAsync(input);
      if (dryRun) setPreview(result);
      else onImported(result, file.name);
    } catch (e) {
      const { message, fieldErrors } = apiError(e);
      const details = fieldErrors.slice(0, 5).map((f) => f.message);
      // A figure locked by sign-off: the server names it and the lock; nothing of the file was written, and the page
      // behind takes the fund's locks again (they may have been taken since it opened).
      const locked = lockedFieldOfError(e);
      if (locked) void reloadLocks();
      setError([message, ...details.filter((d) => !message.includes(d)), ...(locked ? ['Nothing was imported.'] : [])].join('\n'));
      if (!dryRun) setPreview(null);
    } finally {
      setBusy(null);
    }
  }

  function changeMapping(field: ImportField, value: string) {
    setPreview(null);
    setMapping((current) => {
      const next = { ...current };
      if (value === '') delete next[field];
      else next[field] = Number(value);
      return next;
    });
  }

  /** Tab and Shift+Tab stay inside the dialog. */
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]')].filter(
      (el) => !el.hasAttribute('disabled'),
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  const writes = preview ? preview.counts.new + preview.counts.changed : 0;
  const canImport = preview !== null && preview.counts.error === 0 && writes > 0 && !busy;
  const shown = useMemo(() => {
    if (!preview) return [];
    return preview.rows
      .filter((r) => r.status !== 'unchanged')
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.row - b.row)
      .slice(0, PREVIEW_LIMIT);
  }, [preview]);

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-intro`}
        data-testid="import-dialog"
        onKeyDown={onKeyDown}
      >
        <div className="import-dialog-head">
          <h2 id={`${ids}-title`}>Import contributions into {fundLabel}</h2>
          <button type="button" className="secondary-button" onClick={onClose} disabled={busy !== null}>
            Close
          </button>
        </div>
        <p id={`${ids}-intro`} className="hint">
          Nothing is saved until you press Import. The whole file is one change: if any row has an error nothing is imported, and one Undo
          takes the whole import back.
        </p>

        <section aria-labelledby={`${ids}-file`}>
          <h3 id={`${ids}-file`}>1. Choose a file</h3>
          <label htmlFor={`${ids}-input`}>Spreadsheet file (.csv, .tsv or .xlsx)</label>
          <input
            ref={fileInput}
            id={`${ids}-input`}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy !== null}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              // Cleared once read, so choosing the same file again after fixing it reads it again.
              e.target.value = '';
              if (chosen) void chooseFile(chosen);
            }}
          />
          {file && (
            <p className="hint" data-testid="import-file-summary">
              Read {file.name}: {plural(dataRows.length, 'row')} below the header on row {file.headerIndex + 1}.
            </p>
          )}
        </section>

        {file && (
          <section aria-labelledby={`${ids}-map`}>
            <h3 id={`${ids}-map`}>2. Match the columns</h3>
            <div className="import-mapping">
              {IMPORT_FIELDS.map((field) => {
                const required = REQUIRED_IMPORT_FIELDS.includes(field);
                return (
                  <label key={field}>
                    <span>
                      {IMPORT_FIELD_LABELS[field]} {required ? <span className="muted">(required)</span> : null}
                    </span>
                    <select
                      value={mapping[field] === undefined ? '' : String(mapping[field])}
                      onChange={(e) => changeMapping(field, e.target.value)}
                      disabled={busy !== null}
                    >
                      <option value="">{required ? 'Choose a column' : 'Not imported'}</option>
                      {header.map((name, i) => (
                        <option key={i} value={i}>
                          {columnLetter(i)}: {name.trim() || '(no heading)'}
                        </option>
                      ))}
                    </select>
                  </label>
                );
              })}
            </div>
            <fieldset className="import-mode">
              <legend>Rows that already exist (same partner, funding source and quarter)</legend>
              <label>
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  checked={mode === 'update'}
                  onChange={() => (setMode('update'), setPreview(null))}
                />{' '}
                Update them with the file’s figures (only cells that differ change)
              </label>
              <label>
                <input type="radio" name={`${ids}-mode`} checked={mode === 'add'} onChange={() => (setMode('add'), setPreview(null))} /> Add
                new rows only: an existing row is an error
              </label>
            </fieldset>
            <p className="hint">An empty amount or note leaves the figure as it is; a new row gets £0.00.</p>
            <div className="dialog-actions">
              <button type="button" onClick={() => void run(true)} disabled={busy !== null || missing.length > 0}>
                Preview
              </button>
              {missing.length > 0 && (
                <span className="muted">Choose the column for {missing.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.</span>
              )}
            </div>
          </section>
        )}

        <div role="status" aria-live="polite" className="import-status">
          {busy && (
            <div className="import-progress">
              <label htmlFor={`${ids}-progress`}>
                {busy.label}
                {busy.value !== undefined && busy.max ? `: ${Math.round((busy.value / busy.max) * 100)}%` : '…'}
              </label>
              <progress id={`${ids}-progress`} {...(busy.value !== undefined ? { value: busy.value, max: busy.max } : {})} />
            </div>
          )}
        </div>
        {error && (
          <p className="banner banner-error import-message" role="alert">
            {error}
          </p>
        )}

        {preview && (
          <section aria-labelledby={`${ids}-preview`}>
            <h3 id={`${ids}-preview`} ref={previewHeading} tabIndex={-1}>
              3. Check the preview
            </h3>
            <p data-testid="import-counts" className="import-counts">
              <span className="import-tag import-new">{plural(preview.counts.new, 'new row')}</span>
              <span className="import-tag import-changed">{plural(preview.counts.changed, 'changed row')}</span>
              <span className="import-tag import-unchanged">{plural(preview.counts.unchanged, 'unchanged row')}</span>
              <span className="import-tag import-error">{plural(preview.counts.error, 'row with errors', 'rows with errors')}</span>
            </p>
            {preview.counts.error > 0 && (
              <p className="hint">Fix the rows with errors in the file (or the column choices) and choose it again.</p>
            )}
            {shown.length > 0 ? (
              <div className="import-preview-wrap">
                <table className="import-preview" data-testid="import-preview">
                  <caption className="visually-hidden">Rows that would be added or changed, and rows with errors</caption>
                  <TableHead columns={['Row', 'Status', 'Partner', 'Funding source', 'Quarter', 'Changes or errors']} />
                  <tbody>
                    {shown.map((r) => (
                      <tr key={r.row} className={`import-row-${r.status}`} data-row={r.row}>
                        <td className="num">{r.row}</td>
                        <td>
                          <span className={`import-tag import-${r.status}`}>{STATUS_TEXT[r.status]}</span>
                        </td>
                        <td>{r.partner ?? '—'}</td>
                        <td>{r.source ?? '—'}</td>
                        <td>{r.quarter ? `Q${r.quarter}` : '—'}</td>
                        <td>
                          {r.errors.length > 0 ? (
                            <ul className="import-errors">
                              {r.errors.map((e, i) => (
                                <li key={i}>
                                  <strong>{e.column}:</strong> {e.message}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            <ul className="import-changes">
                              {(Object.keys(r.changes) as ImportChangeField[]).map((field) => {
                                const change = r.changes[field];
                                if (!change) return null;
                                return (
                                  <li key={field} data-field={field}>
                                    {CHANGE_LABELS[field]}:{' '}
                                    {r.status === 'changed' && (
                                      <>
                                        <del>{showValue(field, change.old)}</del> →{' '}
                                      </>
                                    )}
                                    <ins>{showValue(field, change.new)}</ins>
                                  </li>
                                );
                              })}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p data-testid="import-no-changes">No changes: every row in the file matches the fund as it is.</p>
            )}
            {preview.rows.length - preview.counts.unchanged > shown.length && (
              <p className="hint">
                Showing the first {shown.length.toLocaleString('en-GB')} of{' '}
                {(preview.rows.length - preview.counts.unchanged).toLocaleString('en-GB')} rows.
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" onClick={() => void run(false)} disabled={!canImport}>
                {writes > 0 ? `Import ${plural(writes, 'row')}` : 'Import'}
              </button>
              <button type="button" className="secondary-button" onClick={onClose} disabled={busy !== null}>
                Cancel
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

/** The toolbar's "Import…" button and the dialog it opens. */
export function ImportButton(props: Omit<Props, 'onClose'>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Import…
      </button>
      {open && (
        <ImportDialog
          {...props}
          onClose={() => setOpen(false)}
          onImported={(result, fileName) => {
            setOpen(false);
            props.onImported(result, fileName);
          }}
        />
      )}
    </>
  );
}
