// The history page's filters: which partnership, who made the change, between which dates, and what kind of row. The
// dates are typed dd/mm/yyyy (DateField) and kept in the link as yyyy-mm-dd.
import { useId, type ReactNode } from 'react';
import type { Partnership } from '../../shared/types';
import { DateField } from './DateField';
import { ENTITY_LABELS } from './HistoryFormat';

/** The scope value an administrator picks to see every change, including those outside any partnership. */
export const ALL_SCOPE = 'all';

/** Changes to organisations and user accounts belong to no partnership, so they show only in the "all" scope. */
/** What can change inside one partnership, and what else an administrator sees across all of them. */
const PARTNERSHIP_ENTITIES = [
  'contribution',
  'scheme',
  'fund',
  'fund_plan_settings',
  'plan_snapshot',
  'fund_risk_share',
  'split_rule',
  'partnership',
];
const ALL_ENTITIES = [...PARTNERSHIP_ENTITIES, 'organisation', 'reference_item', 'app_user'];

export interface HistoryFilterValues {
  scope: string;
  user: string;
  from: string;
  to: string;
  entity: string;
}

/** A label above its control, tied by id (a label wrapped round a select would read the selected option as its name). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export function HistoryFilters({
  partnerships,
  people,
  isAdmin,
  values,
  onChange,
}: {
  partnerships: readonly Partnership[];
  people: readonly { userId: number | null; userName: string | null }[];
  isAdmin: boolean;
  values: HistoryFilterValues;
  onChange: (changes: Partial<HistoryFilterValues>) => void;
}) {
  const entities = values.scope === ALL_SCOPE ? ALL_ENTITIES : PARTNERSHIP_ENTITIES;
  const backwards = values.from !== '' && values.to !== '' && values.to < values.from;
  return (
    // The page's actions are its filters: one named toolbar at the top of the page, above the changes (issue 22, item 5).
    <form aria-label="Filter the changes" onSubmit={(e) => e.preventDefault()}>
      <div className="history-filters" role="toolbar" aria-label="History filters" data-testid="page-toolbar">
        <Field label="Partnership">
          {(id) => (
            <select id={id} value={values.scope} onChange={(e) => onChange({ scope: e.target.value, entity: '' })}>
              {partnerships.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
              {isAdmin && <option value={ALL_SCOPE}>All partnerships, organisations and users</option>}
            </select>
          )}
        </Field>
        <Field label="Changed by">
          {(id) => (
            <select id={id} value={values.user} onChange={(e) => onChange({ user: e.target.value })}>
              <option value="">Anyone</option>
              {people.map((p) =>
                p.userId === null ? null : (
                  <option key={p.userId} value={String(p.userId)}>
                    {p.userName ?? `User #${p.userId}`}
                  </option>
                ),
              )}
            </select>
          )}
        </Field>
        <DateField label="From" value={values.from} onChange={(from) => onChange({ from })} />
        <DateField
          label="To (inclusive)"
          value={values.to}
          onChange={(to) => onChange({ to })}
          problem={backwards ? 'The \u2018To\u2019 date is before the \u2018From\u2019 date, so no change can match.' : null}
        />
        <Field label="What changed">
          {(id) => (
            <select id={id} value={values.entity} onChange={(e) => onChange({ entity: e.target.value })}>
              <option value="">Everything</option>
              {entities.map((entity) => (
                <option key={entity} value={entity}>
                  {ENTITY_LABELS[entity] ?? entity}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button-secondary" onClick={() => onChange({ user: '', from: '', to: '', entity: '' })}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
