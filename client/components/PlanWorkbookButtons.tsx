// "Export workbook" and "Import workbook…" for a fund's plan (issue 5, item 5): the export is a plain download link to
// the server's route (server/plan-workbook.ts); the import reads an .xlsx, asks the server for a dry run (what would be
// created, changed and deleted, or every cell it cannot read, by sheet and cell), and replaces the plan only when the
// person confirms. One import is one undo step.
import { useId, useRef, useState } from 'react';
import { MAX_WORKBOOK_BASE64_LENGTH, planWorkbookPath, type PlanWorkbookImportSummary } from '../../shared/plan-workbook';
import { usePlanWrites } from '../hooks/useSchemes';
import { apiError } from '../trpc';
import { readBytes } from './spreadsheet-file';
import './import-export.css';
import './plan-workbook.css';

interface Props {
  fundId: number;
  /** Whether the person may change the plan (board members read only: no import). */
  canEdit: boolean;
  onImported: (summary: PlanWorkbookImportSummary) => void | Promise<void>;
}

type State =
  | { step: 'idle' }
  | { step: 'busy'; label: string; value?: number; max?: number }
  | { step: 'preview'; fileName: string; fileBase64: string; summary: PlanWorkbookImportSummary }
  | { step: 'refused'; fileName: string; message: string; cells: string[] }
  | { step: 'done'; message: string };

/** Bytes as base64, a chunk at a time (a spread of a whole file's bytes overflows the call stack). */
function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function describe(summary: PlanWorkbookImportSummary): string {
  const schemes = `${plural(summary.created, 'new scheme')}, ${plural(summary.updated, 'changed scheme')}, ${plural(summary.deleted, 'scheme')} deleted, ${plural(summary.unchanged, 'scheme')} unchanged`;
  return summary.conditions > 0 ? `${schemes}; ${plural(summary.conditions, 'national condition')} answered or changed` : schemes;
}

export function PlanWorkbookButtons({ fundId, canEdit, onImported }: Props) {
  const { importWorkbook } = usePlanWrites();
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();
  const [state, setState] = useState<State>({ step: 'idle' });

  async function check(file: File) {
    try {
      setState({ step: 'busy', label: `Reading ${file.name}`, value: 0, max: file.size || 1 });
      const bytes = await readBytes(file, (done, total) =>
        setState({ step: 'busy', label: `Reading ${file.name}`, value: done, max: total || 1 }),
      );
      const fileBase64 = toBase64(bytes);
      if (fileBase64.length > MAX_WORKBOOK_BASE64_LENGTH) {
        setState({
          step: 'refused',
          fileName: file.name,
          message: `${file.name} is too large: a plan workbook is at most about 6 MB`,
          cells: [],
        });
        return;
      }
      setState({ step: 'busy', label: `Checking every cell of ${file.name}` });
      const summary = await importWorkbook.mutateAsync({ fundId, fileBase64, fileName: file.name, dryRun: true });
      setState({ step: 'preview', fileName: file.name, fileBase64, summary });
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setState({ step: 'refused', fileName: file.name, message, cells: fieldErrors.map((e) => e.message) });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  async function apply(fileName: string, fileBase64: string) {
    setState({ step: 'busy', label: `Importing ${fileName}` });
    try {
      const summary = await importWorkbook.mutateAsync({ fundId, fileBase64, fileName, dryRun: false });
      setState({
        step: 'done',
        message: `Imported ${fileName}: ${describe(summary)}.${summary.batchId ? ' Undo takes the whole import back.' : ''}`,
      });
      await onImported(summary);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setState({ step: 'refused', fileName, message, cells: fieldErrors.map((e) => e.message) });
    }
  }

  const busy = state.step === 'busy';
  return (
    <div className="plan-workbook">
      <span className="export-buttons" role="group" aria-label="The plan as a workbook">
        <a className="button-link" href={planWorkbookPath(fundId)} download data-testid="export-plan-xlsx">
          Export workbook
        </a>
        {canEdit && (
          <label className="button-link" htmlFor={`${ids}-file`}>
            Import workbook…
            <input
              ref={fileInput}
              id={`${ids}-file`}
              className="visually-hidden"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void check(file);
              }}
              data-testid="import-plan-xlsx"
            />
          </label>
        )}
      </span>

      <div role="status" aria-live="polite" className="import-status">
        {state.step === 'busy' && (
          <div className="import-progress">
            <span>{state.label}…</span>
            <progress value={state.value} max={state.max} aria-label={state.label} />
          </div>
        )}
        {state.step === 'done' && <p className="banner banner-info">{state.message}</p>}
      </div>

      {state.step === 'preview' && (
        <div className="banner banner-info" aria-labelledby={`${ids}-preview`}>
          <p id={`${ids}-preview`}>
            <strong>{state.fileName}</strong> would replace this fund’s plan: {describe(state.summary)}.
          </p>
          {state.summary.deleted > 0 && <p>Schemes whose Scheme ID is not in the workbook are deleted. Undo brings them back.</p>}
          <button
            type="button"
            disabled={busy || state.summary.created + state.summary.updated + state.summary.deleted + state.summary.conditions === 0}
            onClick={() => void apply(state.fileName, state.fileBase64)}
          >
            Replace the plan
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setState({ step: 'idle' })}>
            Cancel
          </button>
        </div>
      )}

      {state.step === 'refused' && (
        <div className="banner banner-error import-message" role="alert">
          <p>{state.message}</p>
          {state.cells.length > 0 && (
            <>
              <p>Nothing was imported. Fix these cells in {state.fileName} and import it again:</p>
              <ul className="plan-workbook-cells">
                {state.cells.map((cell) => (
                  <li key={cell}>{cell}</li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="link-button" onClick={() => setState({ step: 'idle' })}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
