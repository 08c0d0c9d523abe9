// The Plan page's "Plan settings": the fund's ring-fence minimums (issue 5, item 3) and its amber and red variance
// thresholds (item 4). Commissioners and administrators change them; everyone else reads them. In a BCF year with an
// uplift the NHS minimum to adult social care is worked out (shared/nhs-minimum.ts), so in place of the typed minimum
// the form holds the baseline (only when no previous year's fund holds it) and an override with its reason, and shows
// the working under the fields.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { formatBasisPoints, formatPence, parseBasisPoints, parsePounds } from '../../shared/money';
import { upliftFactorText } from '../../shared/nhs-minimum';
import type { FundPlan, PlanSettings } from '../../shared/plan-types';
import { roleCan } from '../../shared/permissions';
import { PLAN_SETTINGS_LABELS, type NhsMinimumSettings, type PlanSettingsUpdateInput } from '../../shared/schema/fund';
import { useUser } from '../auth';
import { usePlanWrites } from '../hooks/useSchemes';
import { apiError } from '../trpc';
import { FormGrid } from './FormGrid';
import { NhsMinimumWorkingView } from './NhsMinimumWorking';

/** Every setting the form may hold, as saved. */
type Saved = PlanSettings & NhsMinimumSettings;
type SettingKey = keyof Saved;
/** How a setting is typed: pounds, a percentage, pounds that may be left empty (none), or text that may be left empty. */
type Kind = 'pounds' | 'percent' | 'optionalPounds' | 'text';
interface Field {
  key: SettingKey;
  kind: Kind;
  hint: string;
}
type Drafts = Partial<Record<SettingKey, string>>;
type Errors = Partial<Record<SettingKey, string>>;
type Parsed = { ok: true; value: number | string | null } | { ok: false; message: string };

/** Each setting: how it is typed (pounds or a percentage), shown, and explained. */
const FIELDS: Field[] = [
  { key: 'minNhsToSocialCarePence', kind: 'pounds', hint: 'NHS money spent on adult social care must reach this. £0.00: no requirement.' },
  {
    key: 'minOutOfHospitalPence',
    kind: 'pounds',
    hint: 'Spend on NHS-commissioned out-of-hospital services must reach this. £0.00: no requirement.',
  },
  { key: 'amberThresholdBp', kind: 'percent', hint: 'A forecast variance beyond this share of plan shows amber.' },
  { key: 'redThresholdBp', kind: 'percent', hint: 'Beyond this it shows red. It must not be below the amber threshold.' },
];

/** The fields of this fund's plan: in a year with an uplift, the baseline (unless a previous fund holds it) and the
 * override with its reason take the typed minimum's place. */
function fieldsOf(plan: FundPlan): Field[] {
  const working = plan.nhsMinimum;
  if (!working || working.upliftBp === null) return FIELDS;
  const { baselineYear } = working;
  const fromFund = working.baselineFrom !== null && working.baselineFrom !== 'typed';
  const byRule: Field[] = [
    ...(fromFund
      ? []
      : [
          {
            key: 'nhsAscBaselinePence' as const,
            kind: 'optionalPounds' as const,
            hint: `The ${baselineYear} figure; the minimum is this x ${upliftFactorText(working.upliftBp)}. No ${baselineYear} fund of this partnership holds it, so type it.`,
          },
        ]),
    {
      key: 'nhsAscOverridePence',
      kind: 'optionalPounds',
      hint: 'Empty: the worked-out figure is required. A figure here replaces it and needs a reason.',
    },
    {
      key: 'nhsAscOverrideReason',
      kind: 'text',
      hint: 'Why the worked-out figure does not apply. Required with an override; kept in the history.',
    },
  ];
  return FIELDS.flatMap((f) => (f.key === 'minNhsToSocialCarePence' ? byRule : [f]));
}

/** The settings as saved, read from the plan: the typed baseline is the working's when it was typed. */
function savedOf(plan: FundPlan): Saved {
  const working = plan.nhsMinimum;
  return {
    ...plan.settings,
    nhsAscBaselinePence: working?.baselineFrom === 'typed' ? working.baselinePence : null,
    nhsAscOverridePence: working?.overridePence ?? null,
    nhsAscOverrideReason: working?.overrideReason ?? null,
  };
}

const labelOf = (key: SettingKey) => PLAN_SETTINGS_LABELS[key] ?? key;
/** Thresholds are typed as a percentage; their label says so (the money labels already end in "(£)"). */
const inputLabel = (key: SettingKey, kind: Kind) => (kind === 'percent' ? `${labelOf(key)} (%)` : labelOf(key));
function shown(value: number | string | null, kind: Kind): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return kind === 'percent' ? formatBasisPoints(value) : formatPence(value);
}
const draftsOf = (fields: readonly Field[], saved: Saved): Drafts =>
  Object.fromEntries(fields.map((f) => [f.key, shown(saved[f.key], f.kind)])) as Drafts;

/** What was typed, read into pence, basis points or text (empty: none, where a field may be empty), or why not:
 * "<label> <rule>, got '<value>'" (design rule 5). */
function parseField(key: SettingKey, kind: Kind, text: string): Parsed {
  const label = inputLabel(key, kind);
  if (kind === 'text') return { ok: true, value: text.trim() === '' ? null : text.trim() };
  if (kind === 'optionalPounds' && text.trim() === '') return { ok: true, value: null };
  const parsed = kind === 'percent' ? parseBasisPoints(text) : parsePounds(text);
  if (!parsed.ok) return { ok: false, message: `${label} ${parsed.reason}, got '${text}'` };
  if (parsed.pence < 0) return { ok: false, message: `${label} must be ${kind === 'percent' ? '0%' : '£0.00'} or more, got '${text}'` };
  return { ok: true, value: parsed.pence };
}

interface Props {
  plan: FundPlan;
  canEdit: boolean;
  /** The plan's sign-off lock: the settings are read-only, with this reason above them. */
  lock?: string | null;
  onSaved: () => Promise<void> | void;
}

export function PlanSettingsForm({ plan, canEdit, lock = null, onSaved }: Props) {
  const user = useUser();
  const { updateSettings: update } = usePlanWrites();
  // The page's canEdit says who may change the plan; the settings are for commissioners and admins only (the server's
  // fund_plan_settings rule), so a finance officer reads them.
  const mayEdit = canEdit && roleCan(user.role, 'fund_plan_settings', 'change');
  const fields = useMemo(() => fieldsOf(plan), [plan]);
  const saved = useMemo(() => savedOf(plan), [plan]);
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(fields, saved));
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
  const dirty = fields.some((f) => {
    const result = parseField(f.key, f.kind, drafts[f.key] ?? '');
    return !result.ok || result.value !== saved[f.key];
  });
  // Someone saved new settings: show them, unless the person is in the middle of changing them.
  useEffect(() => {
    if (plan.settingsVersion === baseVersion) return;
    if (!dirty || adoptNext.current) {
      adoptNext.current = false;
      setDrafts(draftsOf(fields, saved));
      setBaseVersion(plan.settingsVersion);
    }
  }, [fields, saved, plan.settingsVersion, baseVersion, dirty]);

  const focusFirst = (found: Errors) => {
    const first = fields.find((f) => found[f.key]);
    if (first) inputs.current[first.key]?.focus();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setFormError(null);
    const found: Errors = {};
    const changed: Partial<Record<SettingKey, number | string | null>> = {};
    for (const f of fields) {
      const result = parseField(f.key, f.kind, drafts[f.key] ?? '');
      if (!result.ok) found[f.key] = result.message;
      else if (result.value !== saved[f.key]) changed[f.key] = result.value;
    }
    // Each value is of its field's kind (parseField), which is the type the patch holds for that field.
    const patch = changed as PlanSettingsUpdateInput['patch'];
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
      const result = await update.mutateAsync({ fundId: plan.fundId, version: baseVersion, patch });
      setDrafts(draftsOf(fields, { ...result.settings, ...result.nhsMinimumSettings }));
      setBaseVersion(result.version);
      setStatus('Saved the plan settings. The checks and variance colours now use them.');
      await onSaved();
    } catch (error) {
      const { code, message, fieldErrors } = apiError(error);
      const fromServer: Errors = {};
      for (const e of fieldErrors) {
        const key = fields.find((f) => e.path === `patch.${f.key}` || e.path === f.key)?.key;
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

  if (!mayEdit || lock !== null) {
    return (
      <section aria-labelledby={`${baseId}-title`} className="plan-settings">
        <h2 id={`${baseId}-title`}>Plan settings</h2>
        {lock !== null ? (
          <p className="banner banner-info" role="note" data-testid="plan-settings-lock">
            {lock}.
          </p>
        ) : (
          <p className="muted">Only commissioners and administrators change these.</p>
        )}
        <dl className="plan-settings-list" data-testid="plan-settings">
          {fields.map((f) => (
            <div key={f.key}>
              <dt>{inputLabel(f.key, f.kind)}</dt>
              <dd className={f.kind === 'text' ? undefined : 'num'}>{shown(saved[f.key], f.kind) || '—'}</dd>
            </div>
          ))}
        </dl>
        {plan.nhsMinimum && <NhsMinimumWorkingView working={plan.nhsMinimum} bcfYear={plan.bcfYear} />}
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
                {fields
                  .filter((f) => errors[f.key])
                  .map((f) => (
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
          {fields.map((f) => {
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
                  className={f.kind === 'text' ? 'input-cell input-text' : 'input-cell num'}
                  inputMode={f.kind === 'text' ? 'text' : 'decimal'}
                  autoComplete="off"
                  value={drafts[f.key] ?? ''}
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
        {plan.nhsMinimum && <NhsMinimumWorkingView working={plan.nhsMinimum} bcfYear={plan.bcfYear} />}
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
                setDrafts(draftsOf(fields, saved));
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
