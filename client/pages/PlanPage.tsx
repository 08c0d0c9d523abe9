// /funds/<id>/plan: the fund's expenditure plan (schemes and their spend by quarter) in the shared grid, with the
// template's checks live beside it, subtotals and variance by scheme type and source, a plan-vs-actual chart by
// quarter, and named snapshots of the plan.
import { useRouterState } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatBasisPoints, formatPence, sumPence } from '../../shared/money';
import { roleCan } from '../../shared/permissions';
import { checkPlan } from '../../shared/plan-checks';
import { lastReportedQuarterOf, planVariance, subtotals, type GroupKey } from '../../shared/plan-variance';
import type { FundPlan, Scheme } from '../../shared/plan-types';
import type { SchemePatch, SchemeValuesInput } from '../../shared/schemas';
import { useUser } from '../auth';
import { Checklist } from '../components/Checklist';
import { FundPageHeader } from '../components/FundPageHeader';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { PlanGrid, RAG_LABELS, toPlanRow, type PlanRow } from '../components/PlanGrid';
import { PlannedActualChart } from '../components/PlannedActualChart';
import { PlanSettingsForm } from '../components/PlanSettingsForm';
import { focusCondition, NationalConditionsForm } from '../components/NationalConditionsForm';
import { PageToolbar } from '../components/PageToolbar';
import { PlanWorkbookButtons } from '../components/PlanWorkbookButtons';
import { RolloverDialog } from '../components/RolloverDialog';
import { SnapshotsPanel } from '../components/SnapshotsPanel';
import { useFundUndo } from '../components/sheet/useFundUndo';
import { useThreads } from '../components/comments/useThreads';
import { useGridApply, type GridChange } from '../components/sheet/useGridApply';
import { useFund } from '../hooks/useFund';
import { useFundLocks } from '../hooks/useFundLocks';
import { LocksNote } from '../components/sheet/LocksNote';
import { useSchemes } from '../hooks/useSchemes';
import { useSources } from '../hooks/useOrganisations';
import { apiError } from '../trpc';
import { num, TableHead } from '../components/SimpleTable';

/** Beyond this many schemes the grid scrolls inside itself (SheetGrid) and is drawn before the sections below it. */
const LONG_PLAN_ROWS = 100;
/** The last quarter with any actual spend reported: the "to date" of the forecast outturn. */
const lastReportedQuarter = (plan: FundPlan) => lastReportedQuarterOf(plan.schemes);

export function PlanPage({ fundId }: { fundId: number }) {
  const user = useUser();
  const { fund, partnership } = useFund(fundId);
  const sources = useSources(fundId);
  const { plan, batch, refresh } = useSchemes(fundId);
  const fundLocks = useFundLocks(fundId);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ rowId: number; field: string; seq: number } | null>(null);
  const [groupBy, setGroupBy] = useState<GroupKey>('schemeType');
  // A long plan's grid is drawn first: the sections under it (subtotals, settings, conditions, chart, snapshots) once
  // its first rows are in, so their work does not delay them. A short plan draws everything at once.
  const [gridDrawn, setGridDrawn] = useState(false);
  const onFirstRows = useCallback(() => setGridDrawn(true), []);

  const undo = useFundUndo(fundId, refresh, setNotice);
  const comments = useThreads<PlanRow>({ fundId, entity: 'scheme', keyField: 'code' });
  // "Start next year’s plan…": commissioners and administrators (the fund 'change' rule); others see why not.
  const [rollingOver, setRollingOver] = useState(false);
  const rolloverBlock = roleCan(user.role, 'fund', 'change') ? null : 'Only commissioners and administrators start next year’s plan';
  const arrivedFrom = useRouterState({ select: (s) => s.location.state.rolloverNotice });
  useEffect(() => {
    if (arrivedFrom) setNotice({ kind: 'info', text: arrivedFrom });
  }, [arrivedFrom, fundId]);

  const rows = useMemo(() => (plan.data?.schemes ?? []).map(toPlanRow), [plan.data]);
  const checks = useMemo(() => (plan.data ? checkPlan(plan.data) : []), [plan.data]);
  const variance = useMemo(() => (plan.data ? planVariance(plan.data, lastReportedQuarter(plan.data)) : null), [plan.data]);
  const editBlock = useCallback(
    () => (roleCan(user.role, 'scheme', 'change') ? null : 'Board members read the plan but do not change it'),
    [user.role],
  );

  const send = useCallback(
    (changes: GridChange<SchemeValuesInput, SchemePatch>[]) => batch.mutateAsync({ fundId, changes }),
    [batch, fundId],
  );
  const onApply = useGridApply<PlanRow, SchemeValuesInput, SchemePatch, Scheme>(send, refresh, setNotice, toPlanRow);

  const nextCode = useCallback(() => {
    const numbers = rows.map((r) => Number(r.code)).filter((n) => Number.isInteger(n));
    return String((numbers.length ? Math.max(...numbers) : 0) + 1);
  }, [rows]);

  const addScheme = async () => {
    const outcome = await onApply([{ kind: 'create', values: { code: nextCode(), name: 'New scheme' } }]);
    if (outcome.ok) setNotice({ kind: 'info', text: 'Added a scheme: fill in its fields; the checklist says what is missing.' });
    else if (outcome.cellErrors[0]) setNotice({ kind: 'error', text: outcome.cellErrors[0].message });
  };

  const deleteScheme = async (row: PlanRow) => {
    try {
      await batch.mutateAsync({ fundId, changes: [{ op: 'delete', id: row.id, version: row.version }] });
      setNotice({ kind: 'info', text: `Deleted scheme ${row.code}. Undo brings it back.` });
    } catch (error) {
      setNotice({ kind: 'error', text: apiError(error).message });
    } finally {
      await refresh();
    }
  };
  const deleteLatest = useRef(deleteScheme);
  deleteLatest.current = deleteScheme;
  // One function while the person's rights and the lock stand: a new one makes the grid rebuild its columns and redraw.
  const mayDelete = editBlock() === null && fundLocks.planLock === null;
  const rowActions = useCallback(
    (row: PlanRow) =>
      mayDelete ? (
        <button
          type="button"
          className="link-button"
          aria-label={`Delete scheme ${row.code}`}
          onClick={() => void deleteLatest.current(row)}
        >
          Delete
        </button>
      ) : null,
    [mayDelete],
  );

  if (fund.error) return <LoadError error={fund.error} what="this fund" />;
  if (plan.error) return <LoadError error={plan.error} what="the plan" />;
  if (!fund.data || !partnership.data || !sources.data || !plan.data || !variance) return <Loading what="the plan" />;

  const canEdit = editBlock() === null;
  const groups = subtotals(plan.data.schemes, groupBy);
  const groupVariance = groupBy === 'schemeType' ? variance.bySchemeType : variance.bySource;
  const nameOfGroup = (key: string | null) => {
    if (key === null) return 'Not set';
    if (groupBy === 'fundingSource') return sources.data.find((s) => s.code === key)?.name ?? key;
    return plan.data?.reference.find((r) => r.list === 'scheme_type' && r.code === key)?.name ?? key;
  };
  const byQuarter = [1, 2, 3, 4].map((q) => ({
    name: `Q${q}`,
    plannedPence: sumPence(groups.map((g) => g.quarters.find((x) => x.quarter === q)?.plannedPence ?? 0)),
    // A quarter after the last reported one has no actual yet: no bar, "Not yet reported" (shared/board-report.ts).
    actualPence:
      q <= lastReportedQuarter(plan.data) ? sumPence(groups.map((g) => g.quarters.find((x) => x.quarter === q)?.actualPence ?? 0)) : null,
  }));

  return (
    <section>
      <FundPageHeader title="Plan" partnership={partnership.data} fund={fund.data} bcfYear={plan.data.bcfYear} current="plan" />
      {!canEdit && (
        <p className="banner banner-info" role="note">
          You are signed in as a board member: you can read the plan but not change it.
        </p>
      )}
      {/* The page's actions in one row above the grid: add (primary), then the plan as a workbook (secondary). */}
      <PageToolbar label="Plan actions" testId="page-toolbar">
        {canEdit && (
          <button
            type="button"
            className="button-primary"
            disabled={fundLocks.planLock !== null}
            title={fundLocks.planLock ?? undefined}
            onClick={() => void addScheme()}
          >
            Add scheme
          </button>
        )}
        <PlanWorkbookButtons fundId={fundId} canEdit={canEdit && fundLocks.planLock === null} onImported={refresh} />
        <button
          type="button"
          className="button-secondary"
          disabled={rolloverBlock !== null}
          title={rolloverBlock ?? undefined}
          aria-describedby={rolloverBlock ? 'rollover-why-not' : undefined}
          onClick={() => setRollingOver(true)}
        >
          Start next year’s plan…
        </button>
        {rolloverBlock && (
          <span id="rollover-why-not" className="muted hint">
            {rolloverBlock}
          </span>
        )}
        {canEdit && (
          <span className="muted hint">Yellow cells are input; grey cells are worked out. Lists come from the fund’s BCF year.</span>
        )}
      </PageToolbar>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {rollingOver && <RolloverDialog fundId={fundId} onClose={() => setRollingOver(false)} />}
      <LocksNote locks={fundLocks.locks} />
      {/* The checklist comes first: a bar above the grid where the page is narrow, beside it where it is wide (CSS). */}
      <div className="plan-layout">
        <Checklist
          checks={checks}
          onGoTo={(target) => setFocusRequest({ rowId: target.schemeId, field: target.field, seq: Date.now() })}
          onGoToCondition={focusCondition}
        />
        <PlanGrid
          plan={plan.data}
          rows={rows}
          sources={sources.data}
          editBlock={editBlock}
          cellBlock={fundLocks.schemeCell}
          planLock={fundLocks.planLock}
          onApply={onApply}
          undo={undo}
          focusRequest={focusRequest}
          threads={comments.threads}
          nextCode={nextCode}
          lastReportedQuarter={lastReportedQuarter(plan.data)}
          rowActions={rowActions}
          onFirstRows={onFirstRows}
        />
      </div>
      {(gridDrawn || rows.length <= LONG_PLAN_ROWS) && (
        <>
          <section aria-labelledby="subtotals-title">
            <h2 id="subtotals-title">Subtotals and variance</h2>
            <label className="inline-field">
              Group by{' '}
              <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupKey)}>
                <option value="schemeType">Scheme type</option>
                <option value="fundingSource">Source of funding</option>
              </select>
            </label>
            <table className="simple-table" data-testid="subtotals">
              <TableHead
                columns={[
                  groupBy === 'schemeType' ? 'Scheme type' : 'Source of funding',
                  num('Planned'),
                  num('Actual to date'),
                  num('Forecast outturn'),
                  num('Forecast variance'),
                  'Status',
                ]}
              />
              <tbody>
                {groupVariance.map((g) => (
                  <tr key={g.key ?? 'none'}>
                    <td>{nameOfGroup(g.key)}</td>
                    <td className="num">{formatPence(g.plannedPence)}</td>
                    <td className="num">{formatPence(g.actualToDatePence)}</td>
                    <td className="num">{formatPence(g.forecastPence)}</td>
                    <td className="num">
                      {formatPence(g.forecastVariancePence)} (
                      {g.forecastVarianceBp === null ? 'n/a' : formatBasisPoints(g.forecastVarianceBp)})
                    </td>
                    <td className={`rag rag-${g.rag}`}>{RAG_LABELS[g.rag]}</td>
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">Whole fund</th>
                  <td className="num">{formatPence(variance.fund.plannedPence)}</td>
                  <td className="num">{formatPence(variance.fund.actualToDatePence)}</td>
                  <td className="num">{formatPence(variance.fund.forecastPence)}</td>
                  <td className="num">
                    {formatPence(variance.fund.forecastVariancePence)} (
                    {variance.fund.forecastVarianceBp === null ? 'n/a' : formatBasisPoints(variance.fund.forecastVarianceBp)})
                  </td>
                  <td className={`rag rag-${variance.fund.rag}`}>{RAG_LABELS[variance.fund.rag]}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              Forecast outturn = actual to date (to Q{lastReportedQuarter(plan.data)}) + the plan for the quarters after. Amber beyond{' '}
              {formatBasisPoints(plan.data.settings.amberThresholdBp)}, red beyond {formatBasisPoints(plan.data.settings.redThresholdBp)} of
              plan.
            </p>
          </section>
          <PlanSettingsForm plan={plan.data} canEdit={canEdit} lock={fundLocks.planLock} onSaved={refresh} />
          <NationalConditionsForm
            fundId={fundId}
            bcfYear={plan.data.bcfYear}
            conditions={plan.data.conditions ?? []}
            lock={fundLocks.planLock}
            onSaved={refresh}
          />

          <PlannedActualChart title="Planned vs actual spend by quarter" nameHeader="Quarter" rows={byQuarter} />

          <SnapshotsPanel fundId={fundId} canEdit={canEdit} onChanged={refresh} />
        </>
      )}
      {comments.panel}
    </section>
  );
}
