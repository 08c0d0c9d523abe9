// /admin, "BCF years": the years held (code, label, financial years, open or closed, the uplift, where the figures
// come from), opening a new year as a copy of a held one, editing a year, and each year's funding streams and deadlines.
// No release opens a year or sets its deadlines: an administrator does it here (issue 15, item 1; issue 16, item 5).
import { useState } from 'react';
import { BCF_YEAR_STATUSES, type BcfYear, type BcfYearStatus } from '../../shared/schema/bcf-year';
import { parseUpliftPercent, upliftInputText, upliftText } from '../../shared/uplift-percent';
import { useBcfYears, useBcfYearsRefresh, useBcfYearWrites } from '../hooks/useBcfYears';
import { useNotice, type WriteEvents } from '../hooks/useNotice';
import { apiError } from '../trpc';
import { AdminDeadlines } from './AdminDeadlines';
import { AdminFundingStreams } from './AdminFundingStreams';
import { AdminOpenYearForm } from './AdminOpenYearForm';
import { errorsByField } from './AdminYearFields';
import { LoadError, Loading } from './Loading';
import { NoticeBanner } from './NoticeBanner';
import { SectionToolbar } from './PageToolbar';
import { ACTIONS, num, TableHead } from './SimpleTable';

const STATUS_LABELS: Record<BcfYearStatus, string> = { open: 'Open', closed: 'Closed' };

export function AdminBcfYears() {
  const years = useBcfYears();
  const refresh = useBcfYearsRefresh();
  const { notice, setNotice, events } = useNotice(refresh);
  const [opening, setOpening] = useState(false);
  const [streamsYear, setStreamsYear] = useState<string | null>(null);

  if (years.error) return <LoadError error={years.error} what="the BCF years" />;
  if (!years.data) return <Loading what="the BCF years" />;
  const held = years.data;
  // The latest year by default: it is the one being planned.
  const shownYear = streamsYear !== null && held.some((y) => y.code === streamsYear) ? streamsYear : (held.at(-1)?.code ?? null);

  return (
    <section aria-labelledby="bcf-years-heading" className="admin-bcf-years">
      <h2 id="bcf-years-heading">BCF years</h2>
      <p className="muted">
        Each BCF year holds its own funding streams and lists; a fund uses the lists of its year. A new year starts as a copy of a held
        year.
      </p>
      <SectionToolbar label="BCF year actions">
        <button
          type="button"
          className="button-primary"
          onClick={() => setOpening(true)}
          disabled={opening}
          title={opening ? 'The form is open below' : undefined}
        >
          Open a new year…
        </button>
      </SectionToolbar>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {opening && (
        <AdminOpenYearForm
          years={held}
          onCancel={() => setOpening(false)}
          onOpened={async (year) => {
            setOpening(false);
            setStreamsYear(year.code);
            await events.onDone(`Opened BCF year ${year.code} (${year.label}) as a copy of its lists; check them below.`);
          }}
        />
      )}
      <div className="admin-table-wrap">
        <table className="simple-table admin-years" aria-labelledby="bcf-years-heading" data-testid="bcf-years">
          <TableHead columns={['Code', 'Label', 'Financial years', 'Status', num('Uplift'), 'Source', ACTIONS]} />
          <tbody>
            {held.map((year) => (
              <BcfYearRow key={year.id} year={year} events={events} />
            ))}
          </tbody>
        </table>
      </div>
      {shownYear !== null && <AdminFundingStreams years={held} bcfYear={shownYear} onYear={setStreamsYear} />}
      {shownYear !== null && <AdminDeadlines key={shownYear} bcfYear={shownYear} />}
    </section>
  );
}

interface YearDraft {
  label: string;
  status: BcfYearStatus;
  uplift: string;
  sourceNote: string;
}

const draftOf = (year: BcfYear): YearDraft => ({
  label: year.label,
  status: year.status,
  uplift: upliftInputText(year.nhsAscUpliftBp),
  sourceNote: year.sourceNote,
});

/** One year: read, or edited in place (label, status, uplift, source). A stale version keeps the draft and shows the
 * year as it now is, so Save again keeps yours and Cancel takes theirs. */
function BcfYearRow({ year, events }: { year: BcfYear; events: WriteEvents }) {
  const { update } = useBcfYearWrites();
  const [draft, setDraft] = useState<YearDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<YearDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const range =
    year.firstFinancialYear === year.lastFinancialYear
      ? year.firstFinancialYear
      : `${year.firstFinancialYear} to ${year.lastFinancialYear}`;

  const save = async () => {
    if (!draft) return;
    const uplift = parseUpliftPercent(draft.uplift);
    if (!uplift.ok) {
      setErrors({ nhsAscUpliftBp: uplift.reason });
      return;
    }
    setErrors({});
    try {
      await update.mutateAsync({
        id: year.id,
        version: year.version,
        patch: { label: draft.label.trim(), status: draft.status, nhsAscUpliftBp: uplift.bp, sourceNote: draft.sourceNote.trim() },
      });
      setDraft(null);
      await events.onDone(`Saved BCF year ${year.code}.`);
    } catch (error) {
      const { code, message, fieldErrors } = apiError(error);
      setErrors(errorsByField(fieldErrors));
      await events.onError(
        code === 'CONFLICT'
          ? `BCF year ${year.code} was changed by someone else since you opened it; it now shows their values. Save again to keep yours, or Cancel to keep theirs.`
          : `BCF year ${year.code} was not saved: ${message}`,
      );
    }
  };

  if (!draft) {
    return (
      <tr>
        <td>
          <code>{year.code}</code>
        </td>
        <td>{year.label}</td>
        <td>{range}</td>
        <td>{STATUS_LABELS[year.status]}</td>
        <td className="num">{upliftText(year.nhsAscUpliftBp)}</td>
        <td className="admin-year-source">{year.sourceNote}</td>
        <td>
          <button type="button" className="link-button" aria-label={`Edit BCF year ${year.code}`} onClick={() => setDraft(draftOf(year))}>
            Edit
          </button>
        </td>
      </tr>
    );
  }
  const error = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`year-${year.id}-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const aria = (field: string, label: string) => ({
    'aria-label': `${label} of BCF year ${year.code}`,
    ...(errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `year-${year.id}-${field}-error` } : {}),
  });
  return (
    <tr className="editing">
      <td>
        <code>{year.code}</code>
      </td>
      <td>
        <input className="input-cell" value={draft.label} onChange={(e) => set({ label: e.target.value })} {...aria('label', 'Label')} />
        {error('label')}
      </td>
      <td>{range}</td>
      <td>
        <select value={draft.status} onChange={(e) => set({ status: e.target.value as BcfYearStatus })} {...aria('status', 'Status')}>
          {BCF_YEAR_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {error('status')}
      </td>
      <td className="num">
        <input
          className="input-cell num admin-uplift-input"
          inputMode="decimal"
          value={draft.uplift}
          onChange={(e) => set({ uplift: e.target.value })}
          {...aria('nhsAscUpliftBp', 'Uplift (%)')}
        />
        {error('nhsAscUpliftBp')}
      </td>
      <td>
        <textarea
          className="input-cell"
          rows={2}
          value={draft.sourceNote}
          onChange={(e) => set({ sourceNote: e.target.value })}
          {...aria('sourceNote', 'Source')}
        />
        {error('sourceNote')}
      </td>
      <td>
        <span className="row-actions">
          <button type="button" className="button-primary" onClick={() => void save()} disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setDraft(null);
              setErrors({});
            }}
          >
            Cancel
          </button>
        </span>
      </td>
    </tr>
  );
}
