// The Splits page's scenarios: pick a fund, take a scenario from its plan (your private working copy), change its cost
// lines and splits in the grid and watch each partner's total move, compare scenarios with the committed plan, and
// promote one to the plan. The choices live in the URL (?fund=2&scenario=5&compare=5,7), so a view can be shared.
import { useSearch } from '@tanstack/react-router';
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { formatPence } from '../../shared/money';
import { loweredContributions } from '../../shared/reconcile';
import type { ScenarioLine, ScenarioLinePatch, ScenarioLineValues } from '../../shared/scenario-schemas';
import type { SplitRule } from '../../shared/split-schemas';
import { formatWhen } from '../../shared/time';
import { useFunds } from '../hooks/useFund';
import { useScenario, useScenarioComparison, useScenarios } from '../hooks/useScenarios';
import { useSearchChanges } from '../hooks/useSearchChanges';
import { splitsSearch } from '../search-params';
import { useSources } from '../hooks/useOrganisations';
import { apiError } from '../trpc';
import { LoadError, Loading } from './Loading';
import { NoticeBanner, type Notice } from './NoticeBanner';
import { PromoteDialog } from './PromoteDialog';
import { ScenarioComparison } from './ScenarioComparison';
import { ComparisonReasons, PlanDifferences, signed, useDifferingPartners, usePlanDifferences } from './ScenarioDifferences';
import { ScenarioGrid, toScenarioRow, type ScenarioRow } from './ScenarioGrid';
import { useThreads } from './comments/useThreads';
import { useFundUndo } from './sheet/useFundUndo';
import { useGridApply, type GridChange } from './sheet/useGridApply';
import { num, TableHead } from './SimpleTable';

const idsOf = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);

export function ScenarioPanel({ partnershipId, rules }: { partnershipId: number; rules: readonly SplitRule[] }) {
  const funds = useFunds(partnershipId);
  const params = useSearch({ from: '/_signedIn/partnerships/$partnershipId/splits' });
  const setParams = useSearchChanges(splitsSearch);
  const fundSelectId = useId();
  if (funds.error) return <LoadError error={funds.error} what="the funds" />;
  if (!funds.data) return <Loading what="the funds" />;
  if (funds.data.length === 0) return <p className="muted">This partnership has no funds yet.</p>;
  const fundId = params.fund ?? funds.data[0]?.id ?? 0;
  return (
    <div>
      <p>
        <label htmlFor={fundSelectId}>Fund to model </label>
        <select id={fundSelectId} value={fundId} onChange={(e) => setParams({ fund: e.target.value, scenario: null, compare: null })}>
          {funds.data.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} {f.financialYear}
            </option>
          ))}
        </select>
      </p>
      <FundScenarios key={fundId} fundId={fundId} rules={rules} />
    </div>
  );
}

function FundScenarios({ fundId, rules }: { fundId: number; rules: readonly SplitRule[] }) {
  const params = useSearch({ from: '/_signedIn/partnerships/$partnershipId/splits' });
  const setParams = useSearchChanges(splitsSearch);
  const { list, create, refreshList } = useScenarios(fundId);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [name, setName] = useState('');
  const [from, setFrom] = useState<'plan' | 'empty'>('plan');
  const nameId = useId();
  const openId = params.scenario ?? null;
  const compareIds = idsOf(params.compare);
  const differences = useDifferingPartners(fundId, list.data?.map((s) => s.id) ?? []);

  const take = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const detail = await create.mutateAsync({ fundId, name, from });
      setName('');
      setNotice({ kind: 'info', text: `Took scenario ‘${detail.scenario.name}’ with ${detail.lines.length} cost lines.` });
      setParams({ scenario: String(detail.scenario.id), compare: [...new Set([...compareIds, detail.scenario.id])].join(',') });
    } catch (error) {
      setNotice({ kind: 'error', text: apiError(error).message });
    } finally {
      await refreshList();
    }
  };

  const toggleCompare = (id: number, on: boolean) =>
    setParams({ compare: (on ? [...new Set([...compareIds, id])] : compareIds.filter((x) => x !== id)).join(',') || null });

  if (list.error) return <LoadError error={list.error} what="your scenarios" />;
  if (!list.data) return <Loading what="your scenarios" />;
  const shownCompare = compareIds.filter((id) => list.data.some((s) => s.id === id));
  const statusOf = (id: number, stale: boolean) => {
    if (stale) return 'Plan changed since: refresh before promoting';
    const differing = differences.get(id);
    if (!differing) return 'Plan unchanged since taken';
    if (differing.length === 0) return 'In step with the plan';
    return `Differs from the plan for ${differing.map((p) => `${p.name} (${signed(p.changePence)})`).join(', ')}: open it to see why`;
  };

  return (
    <div>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {list.data.length === 0 ? (
        <p className="muted">No scenarios of this fund yet.</p>
      ) : (
        <table className="simple-table" data-testid="scenario-list">
          <caption>Your scenarios of this fund</caption>
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Scenario</th>
              <th scope="col">Taken from the plan</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.id} aria-current={s.id === openId ? 'true' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${s.name}`}
                    checked={shownCompare.includes(s.id)}
                    onChange={(e) => toggleCompare(s.id, e.target.checked)}
                  />
                </td>
                <th scope="row">{s.name}</th>
                <td>{formatWhen(s.takenAt)}</td>
                <td>
                  {statusOf(s.id, s.stale)}
                  {s.promotedAt ? ` · promoted ${formatWhen(s.promotedAt)}` : ''}
                </td>
                <td>
                  <button type="button" onClick={() => setParams({ scenario: String(s.id) })} aria-label={`Open ${s.name}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={(e) => void take(e)}>
        <label htmlFor={nameId}>New scenario </label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Reablement 60/40"
          required
          maxLength={200}
        />
        <fieldset className="inline-fieldset">
          <legend className="visually-hidden">Start from</legend>
          <label>
            <input type="radio" name="scenario-from" checked={from === 'plan'} onChange={() => setFrom('plan')} /> the plan’s schemes
          </label>
          <label>
            <input type="radio" name="scenario-from" checked={from === 'empty'} onChange={() => setFrom('empty')} /> no lines (care
            packages)
          </label>
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          Take scenario
        </button>
      </form>
      {openId !== null && (
        <OpenScenario
          key={openId}
          id={openId}
          fundId={fundId}
          rules={rules}
          onChanged={refreshList}
          onClosed={() => setParams({ scenario: null, compare: compareIds.filter((x) => x !== openId).join(',') || null })}
        />
      )}
      <h3>Compare with the committed plan</h3>
      {shownCompare.length === 0 ? (
        <p className="muted">Tick one or more scenarios above to compare them with the committed plan.</p>
      ) : (
        <Comparison fundId={fundId} scenarioIds={shownCompare} />
      )}
    </div>
  );
}

function Comparison({ fundId, scenarioIds }: { fundId: number; scenarioIds: number[] }) {
  const comparison = useScenarioComparison(fundId, scenarioIds);
  if (comparison.error) return <LoadError error={comparison.error} what="the comparison" />;
  if (!comparison.data) return <Loading what="the comparison" />;
  return <ScenarioComparison comparison={comparison.data} reasons={<ComparisonReasons fundId={fundId} scenarioIds={scenarioIds} />} />;
}

interface OpenProps {
  id: number;
  fundId: number;
  rules: readonly SplitRule[];
  onChanged: () => Promise<void>;
  onClosed: () => void;
}

function OpenScenario({ id, fundId, rules, onChanged, onClosed }: OpenProps) {
  const { detail, applyLines, promote, refreshFromPlan, remove, refresh } = useScenario(id, fundId, onChanged);
  const sources = useSources();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const promoteButton = useRef<HTMLButtonElement>(null);
  const { differences, refresh: refreshContributions } = usePlanDifferences(fundId, detail.data);

  const undo = useFundUndo(fundId, refresh, setNotice, id);
  const comments = useThreads<ScenarioRow>({ fundId, entity: 'scenario_item', keyField: 'label', scenarioId: id });

  const send = useCallback(
    (changes: GridChange<ScenarioLineValues, ScenarioLinePatch>[]) => applyLines.mutateAsync({ scenarioId: id, changes }),
    [applyLines, id],
  );
  const onApply = useGridApply<ScenarioRow, ScenarioLineValues, ScenarioLinePatch, ScenarioLine>(send, refresh, setNotice, toScenarioRow);

  /** Run a scenario-wide action, report it, and reload what it changed. */
  const act = async (work: () => Promise<string>) => {
    try {
      setNotice({ kind: 'info', text: await work() });
    } catch (error) {
      setNotice({ kind: 'error', text: apiError(error).message });
    } finally {
      setConfirming(false);
      // A promotion changes the planned contributions the differences are worked out from.
      await Promise.all([refresh(), refreshContributions()]);
    }
  };

  if (detail.error) return <LoadError error={detail.error} what="this scenario" />;
  if (!detail.data || !sources.data) return <Loading what="the scenario" />;
  const d = detail.data;
  const s = d.scenario;
  const moved = d.result.partners.filter((p) => p.changePence !== 0).length;

  return (
    <section aria-labelledby={`scenario-${s.id}`} className="scenario" data-testid="open-scenario">
      <h3 id={`scenario-${s.id}`}>Scenario ‘{s.name}’</h3>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {d.staleness.stale && (
        <p className="banner banner-error" role="note">
          {d.staleness.reason}. Promoting is refused until you refresh this scenario from the plan.
        </p>
      )}
      <table className="simple-table" data-testid="scenario-partners">
        <caption>Each partner’s planned total under this scenario</caption>
        <TableHead columns={['Partner', num('Committed plan'), num('This scenario'), num('Change')]} />
        <tbody>
          {d.result.partners.map((p) => (
            <tr key={p.orgId}>
              <th scope="row">{p.name}</th>
              <td className="num">{formatPence(p.planPence)}</td>
              <td className="num">{formatPence(p.scenarioPence)}</td>
              <td className={`num${p.changePence < 0 ? ' negative' : ''}`}>{formatPence(p.changePence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanDifferences differences={differences} />
      <p>
        Cost lines total {formatPence(d.result.costPence)}: {formatPence(d.result.unfundedPence)} unfunded
        {d.result.outsidePence > 0 ? `, ${formatPence(d.result.outsidePence)} to sectors with no partner in the pool` : ''}. The scenario
        decides who pays into {d.result.coveredSources.length} funding source{d.result.coveredSources.length === 1 ? '' : 's'};
        contributions to other sources stay as planned.
      </p>
      {d.result.problems.length > 0 && (
        <div className="banner banner-error" role="note">
          <p>Before this scenario can be promoted:</p>
          <ul>
            {d.result.problems.map((p) => (
              <li key={`${p.lineId}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        {/* Asks first, naming every contribution the promotion would lower (PromoteDialog); Cancel writes nothing. */}
        <button
          type="button"
          ref={promoteButton}
          onClick={() => setConfirming(true)}
          disabled={d.staleness.stale || d.result.problems.length > 0 || differences === null}
        >
          Promote to plan…
        </button>
        {confirming && differences && (
          <PromoteDialog
            scenarioName={s.name}
            moved={moved}
            lowered={loweredContributions(differences)}
            busy={promote.isPending}
            onCancel={() => {
              setConfirming(false);
              promoteButton.current?.focus();
            }}
            onPromote={() =>
              void act(async () => {
                const r = await promote.mutateAsync({ id: s.id, version: s.version });
                return r.batchId === null
                  ? `Nothing to promote: ‘${s.name}’ gives every partner the planned contributions they already have, so nothing was changed.`
                  : `Promoted ‘${s.name}’: ${r.changedContributions} planned contributions changed. The Contributions page shows the new figures; undo it from the history.`;
              })
            }
          />
        )}
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              await refreshFromPlan.mutateAsync({ id: s.id, version: s.version });
              return `Refreshed ‘${s.name}’ from the plan as it is now; each line keeps its split.`;
            })
          }
        >
          Refresh from the plan
        </button>
        <button type="button" onClick={() => void onApply([{ kind: 'create', values: { label: 'New cost line' } }])}>
          Add cost line
        </button>
        <button
          type="button"
          onClick={() =>
            void (async () => {
              try {
                await remove.mutateAsync({ id: s.id, version: s.version });
                onClosed();
              } catch (error) {
                setNotice({ kind: 'error', text: apiError(error).message });
              } finally {
                await onChanged();
              }
            })()
          }
        >
          Delete scenario
        </button>
      </div>
      <ScenarioGrid
        detail={d}
        rules={rules}
        sources={sources.data}
        onApply={onApply}
        undo={undo}
        threads={comments.threads}
        rowActions={(row) => (
          <button
            type="button"
            aria-label={`Delete cost line ${row.label}`}
            onClick={() =>
              void (async () => {
                try {
                  await applyLines.mutateAsync({ scenarioId: s.id, changes: [{ op: 'delete', id: row.id, version: row.version }] });
                } catch (error) {
                  setNotice({ kind: 'error', text: apiError(error).message });
                } finally {
                  await refresh();
                }
              })()
            }
          >
            Delete
          </button>
        )}
      />
      {comments.panel}
    </section>
  );
}
