// The Plan page's "Plan settings": the fund's ring-fence minimums (issue 5, item 3) and its amber and red variance
// thresholds (item 4). Commissioners and administrators change them; everyone else reads them.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatBasisPoints, formatPence, parseBasisPoints, parsePounds } from '../../shared/money';
import type { FundPlan, PlanSettings } from '../../shared/plan-types';
import { roleCan } from '../../shared/permissions';
import { PLAN_SETTINGS_LABELS } from '../../shared/schemas';
import { useUser } from '../auth';
import { usePlanWrites } from '../hooks/useSchemes';
import { apiError } from '../trpc';
import { FormGrid } from './FormGrid';

type SettingKey = keyof PlanSettings;
type Drafts = Record<SettingKey, string>;
type Errors = Partial<Record<SettingKey, string>>;

/** Each setting: how it is typed (pounds or a percentage), shown, and explained. */
const FIELDS: { key: SettingKey; kind: 'pounds' | 'percent'; hint: string }[] = [
  { key: 'minNhsToSocialCarePence', kind: 'pounds', hint: 'NHS money spent on adult social care must reach this. £0.00: no requirement.' },
  {
    key: 'minOutOfHospitalPence',
    kind: 'pounds',
    hint: 'Spend on NHS-commissioned out-of-hospital services must reach this. £0.00: no requirement.',
  },
  { key: 'amberThresholdBp', kind: 'percent', hint: 'A forecast variance beyond this share of plan shows amber.' },
  { key: 'redThresholdBp', kind: 'percent', hint: 'Beyond this it shows red. It must not be below the amber threshold.' },
];

const labelOf = (key: SettingKey) => PLAN_SETTINGS_LABELS[key] ?? key;
/** Thresholds are typed as a percentage; their label says so (the money labels already end in "(£)"). */
const inputLabel = (key: SettingKey, kind: 'pounds' | 'percent') => (kind === 'percent' ? `${labelOf(key)} (%)` : labelOf(key));
const shown = (settings: PlanSettings, key: SettingKey, kind: 'pounds' | 'percent') =>
  kind === 'pounds' ? formatPence(settings[key]) : formatBasisPoints(settings[key]);
const draftsOf = (settings: PlanSettings): Drafts =>
  Object.fromEntries(FIELDS.map((f) => [f.key, shown(settings, f.key, f.kind)])) as Drafts;

/** What was typed, read into pence or basis points, or why not: "<label> <rule>, got '<value>'" (design rule 5). */
function parseField(
  key: SettingKey,
  kind: 'pounds' | 'percent',
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const parsed = kind === 'pounds' ? parsePounds(text) : parseBasisPoints(text);
  const label = inputLabel(key, kind);
  if (!parsed.ok) return { ok: false, message: `${label} ${parsed.reason}, got '${text}'` };
  if (parsed.pence < 0) return { ok: false, message: `${label} must be ${kind === 'pounds' ? '£0.00' : '0%'} or more, got '${text}'` };
  return { ok: true, value: parsed.pence };
}

export function PlanSettingsForm({ plan, canEdit, onSaved }: { plan: FundPlan; canEdit: boolean; onSaved: () => Promise<void> | void }) {
  const user = useUser();
  const { updateSettings: update } = usePlanWrites();
  // The page's canEdit says who may change the plan; the settings are for commissioners and admins only (the server's
  // fund_plan_settings rule), so a finance officer reads them.
  const mayEdit = canEdit && roleCan(user.role, 'fund_plan_settings', 'change');
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(plan.settings));
  // The settings version the drafts were started from: saving sends it, so a change made meanwhile is not overwritten.
  const [baseVersion, setBaseVersion] = useState(plan.settingsVersion);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inputs = useRef<Partial<Record<SettingKey, HTMLInputElement | null>>>({});
  const baseId = useId();

  // Set after a conflict: the next settings to arrive replace the drafts even though they differ from them.
  const adoptNext = useRef(false);
  // Edited means a value differs from the saved one ("5" for 5% is not an edit), or cannot be read at all.
  const dirty = FIELDS.some((f) => {
    const result = parseField(f.key, f.kind, drafts[f.key]);
    return !result.ok || result.value !== plan.settings[f.key];
  });
  // Someone saved new settings: show them, unless the person is in the middle of changing them.
  useEffect(() => {
    if (plan.settingsVersion === baseVersion) return;
    if (!dirty || adoptNext.current) {
      adoptNext.current = false;
      setDrafts(draftsOf(plan.settings));
      setBaseVersion(plan.settingsVersion);
    }
  }, [plan.settings, plan.settingsVersion, baseVersion, dirty]);

  const focusFirst = (found: Errors) => {
    const first = FIELDS.find((f) => found[f.key]);
    if (first) inputs.current[first.key]?.focus();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setFormError(null);
    const found: Errors = {};
    const patch: Partial<PlanSettings> = {};
    for (const f of FIELDS) {
      const result = parseField(f.key, f.kind, drafts[f.key]);
      if (!result.ok) found[f.key] = result.message;
      else if (result.value !== plan.settings[f.key]) patch[f.key] = result.value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Nothing is sent while any field cannot be read: the settings are saved together or not at all.
      setFormError('Nothing was saved: correct the fields marked below.');
      focusFirst(found);
      return;
    }
    if (Object.keys(patch).length === 0) {
      setStatus('Nothing to save: the settings are as they were.');
      return;
    }
    try {
      const saved = await update.mutateAsync({ fundId: plan.fundId, version: baseVersion, patch });
      setDrafts(draftsOf(saved.settings));
      setBaseVersion(saved.version);
      setStatus('Saved the plan settings. The checks and variance colours now use them.');
      await onSaved();
    } catch (error) {
      const { code, message, fieldErrors } = apiError(error);
      const fromServer: Errors = {};
      for (const e of fieldErrors) {
        const key = FIELDS.find((f) => e.path === `patch.${f.key}` || e.path === f.key)?.key;
        if (key) fromServer[key] = e.message;
      }
      setErrors(fromServer);
      if (code === 'CONFLICT') {
        // Show what is there now (once the refresh brings it); the person re-enters their change on top of it.
        adoptNext.current = true;
        setFormError(`Nothing was saved: ${message}. The form now shows the current settings; make your change again.`);
        await onSaved();
      } else {
        setFormError(`Nothing was saved: ${message}`);
      }
      focusFirst(fromServer);
    }
  };

  if (!mayEdit) {
    return (
      <section aria-labelledby={`${baseId}-title`} className="plan-settings">
        <h2 id={`${baseId}-title`}>Plan settings</h2>
        <p className="muted">Only commissioners and administrators change these.</p>
        <dl className="plan-settings-list" data-testid="plan-settings">
          {FIELDS.map((f) => (
            <div key={f.key}>
              <dt>{inputLabel(f.key, f.kind)}</dt>
              <dd className="num">{shown(plan.settings, f.key, f.kind)}</dd>
            </div>
          ))}
        </dl>
      </section>
    );
  }

  const errorId = (key: SettingKey) => `${baseId}-${key}-error`;
  const hintId = (key: SettingKey) => `${baseId}-${key}-hint`;

  return (
    <section aria-labelledby={`${baseId}-title`} className="plan-settings">
      <h2 id={`${baseId}-title`}>Plan settings</h2>
      <form className="plan-settings-form" aria-labelledby={`${baseId}-title`} noValidate onSubmit={(e) => void save(e)}>
        {formError && (
          <div className="banner banner-error" role="alert">
            {formError}
            {Object.values(errors).length > 0 && (
              <ul>
                {FIELDS.filter((f) => errors[f.key]).map((f) => (
                  <li key={f.key}>{errors[f.key]}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {status && (
          <p className="banner banner-info" role="status">
            {status}
          </p>
        )}
        {/* On a grid, label above the box and hint under it, so the boxes of a row line up however long a hint is. */}
        <FormGrid className="plan-settings-fields">
          {FIELDS.map((f) => {
            const id = `${baseId}-${f.key}`;
            const error = errors[f.key];
            return (
              <div key={f.key} className={`field${error ? ' field-invalid' : ''}`}>
                <label htmlFor={id}>{inputLabel(f.key, f.kind)}</label>
                <input
                  id={id}
                  ref={(el) => {
                    inputs.current[f.key] = el;
                  }}
                  name={f.key}
                  className="input-cell num"
                  inputMode="decimal"
                  autoComplete="off"
                  value={drafts[f.key]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${errorId(f.key)} ${hintId(f.key)}` : hintId(f.key)}
                  onChange={(e) => {
                    const value = e.target.value;
                    setDrafts((d) => ({ ...d, [f.key]: value }));
                  }}
                />
                {/* The field's notes as one block, the third row of the form grid's line (styles.css, .form-grid). */}
                <div className="field-notes">
                  {error && (
                    <span id={errorId(f.key)} className="field-error">
                      {error}
                    </span>
                  )}
                  <span id={hintId(f.key)} className="hint muted">
                    {f.hint}
                  </span>
                </div>
              </div>
            );
          })}
        </FormGrid>
        <div className="plan-settings-actions">
          <button
            type="submit"
            className="button-primary"
            disabled={update.isPending}
            title={update.isPending ? 'Saving the settings…' : undefined}
          >
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
          {dirty && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setDrafts(draftsOf(plan.settings));
                setBaseVersion(plan.settingsVersion);
                setErrors({});
                setFormError(null);
              }}
            >
              Undo my edits
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
