// /admin, a BCF year's funding streams: name, owner (NHS, local authority, any partner), whether it is a national
// minimum, and what it is; add, edit and remove. Removing is refused, naming the funds, while a fund of that year uses
// the stream; a new code joins the catalogue contributions and schemes refer to.
import { useState, type FormEvent } from 'react';
import { STREAM_OWNERS, type BcfYear, type FundingStream, type StreamOwner } from '../../shared/schema/bcf-year';
import { useBcfYearsRefresh, useBcfYearWrites, useFundingStreams } from '../hooks/useBcfYears';
import { useNotice, type WriteEvents } from '../hooks/useNotice';
import { apiError } from '../trpc';
import { errorsByField, LabelledField, TextField, OWNER_LABELS } from './AdminYearFields';
import { FormActions, FormGrid } from './FormGrid';
import { LoadError, Loading } from './Loading';
import { NoticeBanner } from './NoticeBanner';
import { ACTIONS, TableHead } from './SimpleTable';

export function AdminFundingStreams({
  years,
  bcfYear,
  onYear,
}: {
  years: readonly BcfYear[];
  bcfYear: string;
  onYear: (code: string) => void;
}) {
  const streams = useFundingStreams(bcfYear);
  const refresh = useBcfYearsRefresh();
  const { notice, setNotice, events } = useNotice(refresh);
  const titleId = 'funding-streams-heading';

  return (
    <section aria-labelledby={titleId} className="admin-streams">
      <h3 id={titleId}>Funding streams of {bcfYear}</h3>
      <label className="inline-field">
        BCF year
        <select value={bcfYear} onChange={(e) => onYear(e.target.value)}>
          {years.map((y) => (
            <option key={y.code} value={y.code}>
              {y.code}
            </option>
          ))}
        </select>
      </label>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {streams.error && <LoadError error={streams.error} what="the funding streams" />}
      {!streams.data && !streams.error && <Loading what="the funding streams" />}
      {streams.data && (
        <div className="admin-table-wrap">
          <table className="simple-table admin-streams-table" aria-labelledby={titleId} data-testid="funding-streams">
            <TableHead columns={['Code', 'Name', 'Owner', 'Minimum', 'Description', ACTIONS]} />
            <tbody>
              {streams.data.map((s) => (
                <StreamRow key={s.id} stream={s} events={events} />
              ))}
              {streams.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No funding streams in {bcfYear} yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <AddStreamForm key={bcfYear} bcfYear={bcfYear} events={events} />
    </section>
  );
}

interface StreamDraft {
  name: string;
  owner: StreamOwner;
  isMinimum: boolean;
  description: string;
}

/** One stream: read, edited in place, or asked "Remove?" before it goes. */
function StreamRow({ stream, events }: { stream: FundingStream; events: WriteEvents }) {
  const { updateStream, removeStream } = useBcfYearWrites();
  const [draft, setDraft] = useState<StreamDraft | null>(null);
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<StreamDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const which = `${stream.name} (${stream.code})`;

  const save = async () => {
    if (!draft) return;
    try {
      await updateStream.mutateAsync({
        id: stream.id,
        version: stream.version,
        patch: { name: draft.name.trim(), owner: draft.owner, isMinimum: draft.isMinimum, description: draft.description.trim() },
      });
      setDraft(null);
      await events.onDone(`Saved funding stream ${stream.code} of ${stream.bcfYear}.`);
    } catch (error) {
      const { code, message } = apiError(error);
      await events.onError(
        code === 'CONFLICT'
          ? `Funding stream ${stream.code} was changed by someone else since you opened it; it now shows their values. Save again to keep yours, or Cancel to keep theirs.`
          : `Funding stream ${stream.code} was not saved: ${message}`,
      );
    }
  };

  const remove = async () => {
    try {
      await removeStream.mutateAsync({ id: stream.id, version: stream.version });
      await events.onDone(`Removed funding stream ${which} from ${stream.bcfYear}.`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setConfirming(false);
      await events.onError(`${which} was not removed: ${fieldErrors[0]?.message ?? message}`);
    }
  };

  if (draft) {
    return (
      <tr className="editing">
        <td>
          <code>{stream.code}</code>
        </td>
        <td>
          <input
            className="input-cell"
            aria-label={`Name of ${stream.code}`}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </td>
        <td>
          <select
            aria-label={`Owner of ${stream.code}`}
            value={draft.owner}
            onChange={(e) => set({ owner: e.target.value as StreamOwner })}
          >
            {STREAM_OWNERS.map((o) => (
              <option key={o} value={o}>
                {OWNER_LABELS[o]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <label className="admin-check">
            <input type="checkbox" checked={draft.isMinimum} onChange={(e) => set({ isMinimum: e.target.checked })} /> Minimum
          </label>
        </td>
        <td>
          <input
            className="input-cell"
            aria-label={`Description of ${stream.code}`}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </td>
        <td>
          <span className="row-actions">
            <button type="button" className="button-primary" onClick={() => void save()} disabled={updateStream.isPending}>
              {updateStream.isPending ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </span>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>
        <code>{stream.code}</code>
      </td>
      <td>{stream.name}</td>
      <td>{OWNER_LABELS[stream.owner]}</td>
      <td>{stream.isMinimum ? 'Yes' : 'No'}</td>
      <td>{stream.description}</td>
      <td>
        {confirming ? (
          <span className="row-actions">
            <button type="button" className="button-primary" onClick={() => void remove()} disabled={removeStream.isPending}>
              Remove {stream.code}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Edit ${which}`}
              onClick={() =>
                setDraft({ name: stream.name, owner: stream.owner, isMinimum: stream.isMinimum, description: stream.description })
              }
            >
              Edit
            </button>
            <button type="button" className="link-button" aria-label={`Remove ${which}`} onClick={() => setConfirming(true)}>
              Remove
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

const EMPTY_STREAM = { code: '', name: '', owner: 'any' as StreamOwner, isMinimum: false, description: '' };

/** "Add a funding stream" to the shown year; it goes to the end of the year's order. */
function AddStreamForm({ bcfYear, events }: { bcfYear: string; events: WriteEvents }) {
  const { createStream } = useBcfYearWrites();
  const [draft, setDraft] = useState(EMPTY_STREAM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<typeof EMPTY_STREAM>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    try {
      const stream = await createStream.mutateAsync({
        bcfYear,
        code: draft.code.trim(),
        name: draft.name.trim(),
        owner: draft.owner,
        isMinimum: draft.isMinimum,
        description: draft.description.trim(),
      });
      setDraft(EMPTY_STREAM);
      await events.onDone(`Added funding stream ${stream.name} (${stream.code}) to ${bcfYear}.`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setErrors(errorsByField(fieldErrors));
      await events.onError(`No stream was added: ${fieldErrors.length ? 'see the fields marked below.' : message}`);
    }
  };

  return (
    <form className="form admin-form" aria-labelledby="add-stream-heading" onSubmit={(e) => void submit(e)}>
      <h4 id="add-stream-heading">Add a funding stream to {bcfYear}</h4>
      <FormGrid>
        <TextField
          label="Code"
          error={errors.code}
          hint="Lower case letters, digits and _, like neighbourhood_health."
          value={draft.code}
          onChange={(text) => set({ code: text })}
          required
        />
        <TextField label="Name" error={errors.name} value={draft.name} onChange={(text) => set({ name: text })} required />
        <LabelledField
          label="Owner"
          error={errors.owner}
          hint="Who pays it in."
          box={(p) => (
            <select {...p} value={draft.owner} onChange={(e) => set({ owner: e.target.value as StreamOwner })}>
              {STREAM_OWNERS.map((o) => (
                <option key={o} value={o}>
                  {OWNER_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        />
        <LabelledField
          label="National minimum"
          error={errors.isMinimum}
          hint="Yes for a minimum set nationally (the NHS minimum, the grant, the DFG)."
          box={(p) => (
            <select {...p} value={draft.isMinimum ? 'yes' : 'no'} onChange={(e) => set({ isMinimum: e.target.value === 'yes' })}>
              <option value="no">No</option>
              <option value="yes">Yes</option>
            </select>
          )}
        />
        <TextField
          label="Description"
          error={errors.description}
          value={draft.description}
          onChange={(text) => set({ description: text })}
        />
      </FormGrid>
      <FormActions>
        <button
          type="submit"
          className="button-primary"
          disabled={createStream.isPending}
          title={createStream.isPending ? 'Adding the stream…' : undefined}
        >
          {createStream.isPending ? 'Adding…' : 'Add stream'}
        </button>
      </FormActions>
    </form>
  );
}
