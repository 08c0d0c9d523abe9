// /admin, a BCF year's deadlines (issue "Sign-off and returns", item 5): the plan, the section 75 agreement in place,
// each quarterly return and the year end, each a date and a note, set by administrators per year (no release sets
// them). Saving a row sets it; saving it with the date cleared removes it. The status board counts its days left from
// these.
import { useEffect, useState } from 'react';
import type { IsoDay } from '../../shared/dates';
import { formatLongDate } from '../../shared/dates';
import { DEADLINE_KIND_LABELS, DEADLINE_KINDS, type Deadline, type DeadlineKind } from '../../shared/schema/submission';
import { useDeadlines, useDeadlinesRefresh, useDeadlineWrites } from '../hooks/useDeadlines';
import { useNotice, type WriteEvents } from '../hooks/useNotice';
import { apiError } from '../trpc';
import { errorsByField } from './AdminYearFields';
import { DateField } from './DateField';
import { LoadError, Loading } from './Loading';
import { NoticeBanner } from './NoticeBanner';
import { ACTIONS, TableHead } from './SimpleTable';

export function AdminDeadlines({ bcfYear }: { bcfYear: string }) {
  const deadlines = useDeadlines(bcfYear);
  const refresh = useDeadlinesRefresh();
  const { notice, setNotice, events } = useNotice(refresh);
  const titleId = 'deadlines-heading';

  return (
    <section aria-labelledby={titleId} className="admin-deadlines">
      <h3 id={titleId}>Deadlines of {bcfYear}</h3>
      <p className="muted">
        The dates of the year’s planning requirements. Partnership pages count the days left to each; clear a date and save to remove it.
      </p>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {deadlines.error && <LoadError error={deadlines.error} what="the deadlines" />}
      {!deadlines.data && !deadlines.error && <Loading what="the deadlines" />}
      {deadlines.data && (
        <div className="admin-table-wrap">
          <table className="simple-table admin-deadlines-table" aria-labelledby={titleId} data-testid="deadlines">
            <TableHead columns={['Deadline', 'Due on', 'Note', ACTIONS]} />
            <tbody>
              {DEADLINE_KINDS.map((kind) => (
                <DeadlineRow
                  key={`${bcfYear}-${kind}`}
                  bcfYear={bcfYear}
                  kind={kind}
                  deadline={deadlines.data.find((d) => d.kind === kind) ?? null}
                  events={events}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One deadline: its date and note edited in place, saved with its own button (so one row's slip does not hold the
 * others). Server refusals show at the field they name. */
function DeadlineRow({
  bcfYear,
  kind,
  deadline,
  events,
}: {
  bcfYear: string;
  kind: DeadlineKind;
  deadline: Deadline | null;
  events: WriteEvents;
}) {
  const { set, remove } = useDeadlineWrites();
  const [dueOn, setDueOn] = useState<IsoDay | ''>(deadline?.dueOn ?? '');
  const [note, setNote] = useState(deadline?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const label = DEADLINE_KIND_LABELS[kind];
  const what = `the ${bcfYear} ${label} deadline`;
  // What is saved changed (a save here, or someone else's): show it.
  useEffect(() => {
    setDueOn(deadline?.dueOn ?? '');
    setNote(deadline?.note ?? '');
  }, [deadline?.dueOn, deadline?.note]);

  const changed = dueOn !== (deadline?.dueOn ?? '') || note !== (deadline?.note ?? '');
  const busy = set.isPending || remove.isPending;

  const save = async () => {
    setErrors({});
    try {
      if (dueOn === '') {
        if (!deadline) return;
        await remove.mutateAsync({ id: deadline.id, version: deadline.version });
        await events.onDone(`Removed ${what}.`);
        return;
      }
      await set.mutateAsync({ bcfYear, kind, dueOn, note: note.trim() });
      await events.onDone(`Set ${what} to ${formatLongDate(dueOn)}.`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setErrors(errorsByField(fieldErrors));
      await events.onError(`The ${bcfYear} ${label} deadline was not saved: ${message}`);
    }
  };

  const noteId = `deadline-${kind}-note`;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <DateField label={`${label} due on`} value={dueOn} onChange={setDueOn} problem={errors.dueOn ?? null} />
      </td>
      <td>
        <textarea
          className="input-cell"
          rows={2}
          cols={40}
          aria-label={`Note on the ${label} deadline`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...(errors.note ? { 'aria-invalid': true as const, 'aria-describedby': `${noteId}-error` } : {})}
        />
        {errors.note && (
          <span className="field-error" id={`${noteId}-error`}>
            {errors.note}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="button-secondary"
          aria-label={`Save the ${label} deadline`}
          onClick={() => void save()}
          disabled={busy || !changed}
          title={changed ? undefined : 'Nothing to save: change the date or the note first'}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
      </td>
    </tr>
  );
}
