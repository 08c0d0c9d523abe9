// /admin, "Reference data": the lists each BCF year's plans choose from (scheme types, sub-types, areas of spend...).
// They are data, never code enums (issue 5, item 1), so an administrator corrects a name or adds an item here.
import { useId, useState, type FormEvent } from 'react';
import { roleCan } from '../../shared/permissions';
import { REFERENCE_LISTS, type ReferenceItem, type ReferenceList } from '../../shared/plan-types';
import { useUser } from '../auth';
import { useBcfYears } from '../hooks/useBcfYears';
import { useNotice, type WriteEvents } from '../hooks/useNotice';
import { useReferenceData, useReferenceItemWrites } from '../hooks/useReferenceData';
import { apiError } from '../trpc';
import { LoadError, Loading } from './Loading';
import { NoticeBanner } from './NoticeBanner';
import { num, TableHead } from './SimpleTable';

/** Each list as a person calls it: the heading of its table and the option in the list picker. */
const LIST_LABELS: Record<ReferenceList, string> = {
  scheme_type: 'Scheme types',
  sub_type: 'Sub-types',
  area_of_spend: 'Areas of spend',
  commissioner: 'Commissioners',
  provider_type: 'Provider types',
  national_condition: 'National conditions',
  metric: 'Metrics',
};

/** Sub-types under their scheme type, then the list's own order, so the table reads as the template does. */
function byParentThenOrder(a: ReferenceItem, b: ReferenceItem): number {
  return (a.parentCode ?? '').localeCompare(b.parentCode ?? '') || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

export function ReferenceDataEditor() {
  const user = useUser();
  const { all, refresh } = useReferenceData(roleCan(user.role, 'reference_item', 'change'));
  const bcfYears = useBcfYears();
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const [list, setList] = useState<ReferenceList>('scheme_type');
  const { notice, setNotice, events } = useNotice(refresh);
  const pickerId = useId();

  // The server refuses these calls to anyone else; the section is not shown to them at all.
  if (!roleCan(user.role, 'reference_item', 'change')) return null;
  if (all.error) return <LoadError error={all.error} what="the reference data" />;
  if (bcfYears.error) return <LoadError error={bcfYears.error} what="the BCF years" />;
  if (!all.data || !bcfYears.data) return <Loading what="the reference data" />;

  // The years held (bcfYears.list, oldest first), so a year just opened is a choice even before its lists are edited.
  const years = bcfYears.data.map((y) => y.code);
  // The latest year by default: it is the one being planned.
  const year = chosenYear !== null && years.includes(chosenYear) ? chosenYear : (years.at(-1) ?? null);
  const ofYear = all.data.filter((item) => item.bcfYear === year);
  const items = ofYear.filter((item) => item.list === list).sort(byParentThenOrder);
  const schemeTypes = ofYear.filter((item) => item.list === 'scheme_type').sort(byParentThenOrder);
  const tableTitle = `${LIST_LABELS[list]}, BCF year ${year ?? '(none)'}`;

  return (
    <section aria-labelledby="reference-heading" className="reference-editor">
      <h2 id="reference-heading">Reference data</h2>
      <p className="muted">
        The lists a fund’s plan chooses from, held for each BCF year. A fund uses the lists of its year; renaming an item changes how every
        plan of that year shows it.
      </p>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      <div className="inline-form">
        <span className="field">
          <label htmlFor={`${pickerId}-year`}>BCF year</label>
          <select id={`${pickerId}-year`} value={year ?? ''} onChange={(e) => setChosenYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor={`${pickerId}-list`}>List</label>
          <select id={`${pickerId}-list`} value={list} onChange={(e) => setList(e.target.value as ReferenceList)}>
            {REFERENCE_LISTS.map((l) => (
              <option key={l} value={l}>
                {LIST_LABELS[l]}
              </option>
            ))}
          </select>
        </span>
      </div>

      <h3 id="reference-table-title">{tableTitle}</h3>
      <div className="admin-table-wrap">
        <table className="simple-table reference-table" aria-labelledby="reference-table-title" data-testid="reference-items">
          <TableHead columns={['Code', 'Name', list === 'sub_type' && 'Scheme type', num('Order'), 'Actions']} />
          <tbody>
            {items.map((item) => (
              <ReferenceRow
                key={item.id}
                item={item}
                parentName={schemeTypes.find((t) => t.code === item.parentCode)?.name ?? null}
                showParent={list === 'sub_type'}
                events={events}
              />
            ))}
            {items.length === 0 && (
              <tr>
                <td colSpan={list === 'sub_type' ? 5 : 4} className="muted">
                  No items in this list yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      {year !== null && <AddReferenceItemForm bcfYear={year} list={list} items={items} schemeTypes={schemeTypes} events={events} />}
    </section>
  );
}

type ReferenceEvents = WriteEvents;

/** One item: its name can be corrected in place (Enter saves, Escape cancels). */
function ReferenceRow({
  item,
  parentName,
  showParent,
  events,
}: {
  item: ReferenceItem;
  parentName: string | null;
  showParent: boolean;
  events: ReferenceEvents;
}) {
  const { update } = useReferenceItemWrites();
  const [draft, setDraft] = useState<string | null>(null);
  const inputId = useId();
  // Sub-types repeat codes across scheme types ('other'): the parent tells a screen-reader user which one this is.
  const which = item.parentCode === null ? item.code : `${item.code} (${item.parentCode})`;

  const save = async () => {
    if (draft === null) return;
    const name = draft.trim();
    if (name === item.name) {
      setDraft(null);
      return;
    }
    try {
      await update.mutateAsync({ id: item.id, version: item.version, patch: { name } });
      setDraft(null);
      await events.onDone(`Renamed ${item.code} from “${item.name}” to “${name}”.`);
    } catch (error) {
      // Keep the typed name in the box so it can be corrected; a stale version shows the current name after refresh.
      await events.onError(`${item.code} was not renamed: ${apiError(error).message}`);
    }
  };

  return (
    <tr>
      <td>
        <code>{item.code}</code>
      </td>
      <td>
        {draft === null ? (
          item.name
        ) : (
          <>
            <label htmlFor={inputId} className="visually-hidden">
              New name for {which}
            </label>
            <input
              id={inputId}
              className="input-cell reference-name-input"
              value={draft}
              maxLength={300}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void save();
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  setDraft(null);
                }
              }}
            />
          </>
        )}
      </td>
      {showParent && <td>{parentName === null ? (item.parentCode ?? '') : `${parentName} (${item.parentCode ?? ''})`}</td>}
      <td className="num">{item.sortOrder}</td>
      <td>
        {draft === null ? (
          <button type="button" className="link-button" aria-label={`Rename ${which}: ${item.name}`} onClick={() => setDraft(item.name)}>
            Rename
          </button>
        ) : (
          <span className="row-actions">
            <button type="button" onClick={() => void save()} disabled={update.isPending || draft.trim() === ''}>
              {update.isPending ? 'Saving…' : 'Save name'}
            </button>
            <button type="button" className="secondary-button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

type AddField = 'code' | 'name' | 'parentCode';

/** "Add item" to the chosen list of the chosen year; a new item goes to the end of the list's order. */
function AddReferenceItemForm({
  bcfYear,
  list,
  items,
  schemeTypes,
  events,
}: {
  bcfYear: string;
  list: ReferenceList;
  items: readonly ReferenceItem[];
  schemeTypes: readonly ReferenceItem[];
  events: ReferenceEvents;
}) {
  const { create } = useReferenceItemWrites();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentCode, setParentCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<AddField, string>>>({});
  const baseId = useId();
  const isSubType = list === 'sub_type';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    const sortOrder = items.reduce((max, item) => Math.max(max, item.sortOrder), 0) + 1;
    try {
      await create.mutateAsync({
        bcfYear,
        list,
        code: code.trim(),
        name,
        ...(isSubType ? { parentCode: parentCode === '' ? null : parentCode } : {}),
        sortOrder,
      });
      setCode('');
      setName('');
      await events.onDone(`Added ${code.trim()} “${name.trim()}” to ${LIST_LABELS[list].toLowerCase()} of ${bcfYear}.`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      const byField: Partial<Record<AddField, string>> = {};
      for (const e of fieldErrors) {
        const field = e.path.split('.').at(-1);
        if (field === 'code' || field === 'name' || field === 'parentCode') byField[field] = e.message;
      }
      setErrors(byField);
      await events.onError(`Nothing was added: ${message}`);
    }
  };

  const errorId = (field: AddField) => `${baseId}-${field}-error`;
  const fieldError = (field: AddField) =>
    errors[field] ? (
      <span id={errorId(field)} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="inline-form reference-add" aria-labelledby={`${baseId}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${baseId}-title`} className="reference-add-title">
        Add item to {LIST_LABELS[list].toLowerCase()}, {bcfYear}
      </h3>
      <label>
        Code
        <input
          className="input-cell"
          value={code}
          required
          maxLength={50}
          pattern="[a-z0-9_]{1,50}"
          title="Lower case letters, digits and _ only"
          autoComplete="off"
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? errorId('code') : undefined}
          onChange={(e) => setCode(e.target.value)}
        />
        {fieldError('code')}
      </label>
      <label>
        Name
        <input
          className="input-cell"
          value={name}
          required
          maxLength={300}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? errorId('name') : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {fieldError('name')}
      </label>
      {isSubType && (
        <label>
          Scheme type
          <select
            value={parentCode}
            required
            aria-invalid={errors.parentCode ? true : undefined}
            aria-describedby={errors.parentCode ? errorId('parentCode') : undefined}
            onChange={(e) => setParentCode(e.target.value)}
          >
            <option value="">Choose a scheme type</option>
            {schemeTypes.map((t) => (
              <option key={t.id} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
          {fieldError('parentCode')}
        </label>
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add item'}
      </button>
      <p className="hint muted reference-add-hint">
        Codes are lower case letters, digits and _ (for example “home_care”); a new item goes to the end of the list.
      </p>
    </form>
  );
}
