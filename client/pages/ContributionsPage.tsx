// /funds/<id>/contributions: each partner's planned and actual contributions to one fund, by funding source and
// quarter, with the fund's headline figures and a planned-vs-actual chart that follow every saved edit.
import { useNavigate } from '@tanstack/react-router';
import type { ColumnState } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { contributionEditBlock } from '../../shared/permissions';
import { ROLE_LABELS } from '../../shared/roles';
import type { ContributionPatch, ContributionValues } from '../../shared/schemas';
import type { ContributionListRow as Contribution } from '../../shared/types';
import { asPerson, useUser } from '../auth';
import { ContributionsGrid, FIELD_LABELS, type EditableField } from '../components/ContributionsGrid';
import { useLiveGrid } from '../live/useLiveGrid';
import { useFundUndo } from '../components/sheet/useFundUndo';
import { useGridApply, type GridChange } from '../components/sheet/useGridApply';
import { HistoryPanel } from '../components/HistoryPanel';
import { useThreads } from '../components/comments/useThreads';
import { useUndoBatch } from '../hooks/useAudit';
import { useContributions } from '../hooks/useContributions';
import { useSetting } from '../hooks/useSettings';
import { useFund, useFunds } from '../hooks/useFund';
import { useFundLocks } from '../hooks/useFundLocks';
import { LocksNote } from '../components/sheet/LocksNote';
import { FundBreadcrumb } from '../components/FundBreadcrumb';
import { FundTabs } from '../components/FundTabs';
import { HeadlineFigures } from '../components/HeadlineFigures';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { ExportButtons } from '../components/ExportButtons';
import { ImportButton } from '../components/ImportDialog';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { PageToolbar } from '../components/PageToolbar';
import { PartnerPlannedActualChart } from '../components/PartnerPlannedActualChart';
import { useOrganisations, useSources } from '../hooks/useOrganisations';
import { apiError } from '../trpc';

interface UndoableNotice extends Notice {
  undoBatchId?: string;
}

export function ContributionsPage({ fundId }: { fundId: number }) {
  const navigate = useNavigate();
  const { fund, partnership, partnershipId } = useFund(fundId);
  const siblings = useFunds(partnershipId);
  const orgs = useOrganisations();
  const sources = useSources(fundId);
  const { rows, summary, batch, refresh } = useContributions(fundId);
  const fundLocks = useFundLocks(fundId);
  const [notice, setNotice] = useState<UndoableNotice | null>(null);
  const [history, setHistory] = useState<{ rowId: number; field: EditableField | null } | null>(null);
  const user = useUser();

  const undoState = useFundUndo(fundId, refresh, setNotice);
  const comments = useThreads<Contribution>({ fundId, entity: 'contribution', keyField: 'orgId' });

  const { undo } = useUndoBatch();
  const layoutKey = 'layout:contributions-grid';
  const { saved: savedLayout, save: saveSetting } = useSetting(layoutKey);

  /** Every change from the grid (a cell, a pasted block, a fill) goes to the server as ONE batch: all or nothing. */
  const send = useCallback(
    (changes: GridChange<ContributionValues, ContributionPatch>[]) => batch.mutateAsync({ fundId, changes }),
    [batch, fundId],
  );
  const onApply = useGridApply<Contribution, ContributionValues, ContributionPatch>(send, refresh, setNotice);

  const onDelete = useCallback(
    async (row: Contribution) => {
      try {
        const result = await batch.mutateAsync({ fundId, changes: [{ op: 'delete', id: row.id, version: row.version }] });
        setNotice({ kind: 'info', text: 'Contribution deleted.', undoBatchId: result.batchId });
      } catch (error) {
        setNotice({ kind: 'error', text: apiError(error).message });
      } finally {
        await refresh();
      }
    },
    [batch, fundId, refresh],
  );

  const members = useMemo(
    () => (orgs.data ?? []).filter((o) => partnership.data?.memberOrgIds.includes(o.id)),
    [orgs.data, partnership.data],
  );
  const person = useMemo(() => asPerson(user), [user]);
  const nameOf = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const sourceNameOf = useMemo(() => new Map((sources.data ?? []).map((s) => [s.code, s.name])), [sources.data]);
  const partnerName = useCallback((id: number) => nameOf.get(id) ?? `#${id}`, [nameOf]);
  const sourceName = useCallback((code: string) => sourceNameOf.get(code) ?? code, [sourceNameOf]);
  const editBlock = useCallback(
    (row: Contribution) => contributionEditBlock(person, row.orgId, partnerName(row.orgId)),
    [person, partnerName],
  );
  /** A cell in words, for the presence bar: "Planned (£) of Northbridge Council Disabled Facilities Grant Q2". */
  const describeCell = useCallback(
    (id: number, field: string | null) => {
      const row = rows.data?.find((r) => r.id === id);
      if (!row) return null;
      const where = `${partnerName(row.orgId)} ${sourceName(row.source)} Q${row.quarter}`;
      const label =
        field === null
          ? null
          : field in FIELD_LABELS
            ? FIELD_LABELS[field as EditableField]
            : field === 'variancePence'
              ? 'Variance (£)'
              : null;
      return label ? `${label} of ${where}` : where;
    },
    [rows.data, partnerName, sourceName],
  );
  const live = useLiveGrid<Contribution>('contribution', describeCell);
  /** The partners this person can enter figures for: every member for an admin, their own for a finance officer. */
  const writablePartners = useMemo(() => members.filter((m) => contributionEditBlock(person, m.id) === null), [members, person]);
  const writableIds = useMemo(() => writablePartners.map((m) => m.id), [writablePartners]);

  const onAdd = useCallback(async () => {
    // The first partner, source and quarter not yet in the fund, so the new row never clashes with an existing one.
    const used = new Set((rows.data ?? []).map((r) => `${r.orgId}|${r.source}|${r.quarter}`));
    for (const partner of writablePartners) {
      for (const source of sources.data ?? []) {
        for (const quarter of [1, 2, 3, 4]) {
          if (used.has(`${partner.id}|${source.code}|${quarter}`)) continue;
          try {
            await batch.mutateAsync({ fundId, changes: [{ op: 'create', values: { orgId: partner.id, source: source.code, quarter } }] });
            setNotice({
              kind: 'info',
              text: `Added a row for ${partner.name}, ${source.name}, Q${quarter}: change its partner, source or quarter as needed.`,
            });
          } catch (error) {
            setNotice({ kind: 'error', text: apiError(error).message });
          }
          await refresh();
          return;
        }
      }
    }
    setNotice({ kind: 'error', text: 'Every partner already has a row for every funding source and quarter.' });
  }, [rows.data, writablePartners, sources.data, batch, fundId, refresh]);

  const onUndo = useCallback(
    async (batchId: string) => {
      try {
        await undo.mutateAsync({ batchId });
        setNotice({ kind: 'info', text: 'Undone.' });
      } catch (error) {
        setNotice({ kind: 'error', text: apiError(error).message });
      } finally {
        await refresh();
      }
    },
    [undo, refresh],
  );

  if (fund.error) return <LoadError error={fund.error} what="this fund" />;
  if (rows.error) return <LoadError error={rows.error} what="the contributions" />;
  // The saved column layout is applied when the grid starts, so wait for it (a failed read just means no layout).
  if (!fund.data || !partnership.data || !orgs.data || !sources.data || !rows.data || savedLayout.isPending)
    return <Loading what="the fund" />;
  const describe = (row: Contribution) => `${partnerName(row.orgId)} ${sourceName(row.source)} Q${row.quarter}`;

  const historyRow = history ? rows.data.find((r) => r.id === history.rowId) : undefined;

  return (
    <section>
      <FundBreadcrumb partnership={partnership.data} fund={fund.data} />
      <div className="title-row">
        <h1>
          Contributions{' '}
          <span className="muted">
            · {fund.data.name} {fund.data.financialYear}
          </span>
        </h1>
        <label className="fund-switch">
          Fund{' '}
          <select
            value={fundId}
            onChange={(e) => void navigate({ to: '/funds/$fundId/contributions', params: { fundId: Number(e.target.value) } })}
          >
            {(siblings.data ?? [fund.data]).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} {f.financialYear}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FundTabs fundId={fundId} current="contributions" />
      {partnership.data.isDemo && <DemoBanner />}
      {summary.data && <HeadlineFigures summary={summary.data} />}

      <PermissionNote role={user.role} writable={writablePartners.map((m) => m.name)} />
      <LocksNote locks={fundLocks.locks} />
      <PageToolbar label="Contributions actions" testId="page-toolbar">
        {writablePartners.length > 0 && (
          <>
            <button type="button" className="button-primary" onClick={() => void onAdd()} disabled={batch.isPending}>
              Add contribution
            </button>
            <ImportButton
              fundId={fundId}
              fundLabel={`${fund.data.name} ${fund.data.financialYear}`}
              onImported={(result, fileName) => {
                const { new: added, changed } = result.counts;
                setNotice({
                  kind: 'info',
                  text:
                    added + changed > 0
                      ? `Imported ${fileName}: ${added.toLocaleString('en-GB')} new and ${changed.toLocaleString('en-GB')} changed rows.`
                      : `Nothing to import from ${fileName}: every row matches the fund.`,
                  ...(result.batchId ? { undoBatchId: result.batchId } : {}),
                });
                void refresh();
              }}
            />
          </>
        )}
        <ExportButtons fundId={fundId} />
        {writablePartners.length > 0 && (
          <span className="muted hint">
            Yellow cells are input: type and press Enter to save (£ amounts like 1234.56 or £1,234.56). Grey cells are computed.
          </span>
        )}
      </PageToolbar>
      {notice && (
        <NoticeBanner notice={notice} onDismiss={() => setNotice(null)}>
          {notice.undoBatchId && (
            <button type="button" className="link-button" onClick={() => notice.undoBatchId && void onUndo(notice.undoBatchId)}>
              Undo
            </button>
          )}
        </NoticeBanner>
      )}
      <div className={history ? 'contributions-layout with-panel' : 'contributions-layout'} {...live.frameProps}>
        <ContributionsGrid
          cellMark={live.cellMark}
          rows={rows.data}
          partners={members}
          sources={sources.data}
          onApply={onApply}
          editBlock={editBlock}
          cellBlock={fundLocks.contributionCell}
          assignablePartnerIds={writableIds}
          onShowHistory={(row, field) => setHistory({ rowId: row.id, field })}
          undo={undoState}
          threads={comments.threads}
          layout={{
            saved: Array.isArray(savedLayout.data) ? (savedLayout.data as ColumnState[]) : null,
            onChange: (state) => saveSetting.mutate({ key: layoutKey, value: state }),
          }}
          rowActions={(row) => (
            <span className="row-actions">
              <button
                type="button"
                className="link-button"
                aria-label={`History of ${describe(row)}`}
                onClick={() => setHistory({ rowId: row.id, field: null })}
              >
                History
              </button>
              {editBlock(row) === null && fundLocks.contributionCell(row, 'orgId') === null && (
                <button type="button" className="link-button" aria-label={`Delete ${describe(row)}`} onClick={() => void onDelete(row)}>
                  Delete
                </button>
              )}
            </span>
          )}
        />
        {historyRow ? (
          <HistoryPanel
            row={historyRow}
            field={history?.field ?? null}
            title={`${partnerName(historyRow.orgId)}, ${sourceName(historyRow.source)}, Q${historyRow.quarter}`}
            partnerName={partnerName}
            sourceName={sourceName}
            onShowField={(field) => setHistory({ rowId: historyRow.id, field })}
            onClose={() => setHistory(null)}
          />
        ) : (
          summary.data && <PartnerPlannedActualChart summary={summary.data} rows={rows.data} />
        )}
      </div>
      {history && historyRow && summary.data && <PartnerPlannedActualChart summary={summary.data} rows={rows.data} />}
      {comments.panel}
    </section>
  );
}

/** Says what the signed-in person can do here and why, so a read-only grid is never a mystery. */
function PermissionNote({ role, writable }: { role: keyof typeof ROLE_LABELS; writable: string[] }) {
  if (role === 'admin') return null;
  const text =
    role === 'finance_officer'
      ? writable.length
        ? `You can change the figures of ${writable.join(', ')}. Other partners' rows are read-only: only their own finance officers can change them.`
        : 'You can read these figures. None of your organisations is a partner in this fund, so you cannot change them.'
      : `You are signed in as a ${ROLE_LABELS[role].toLowerCase()}: you can read these figures but not change them. Contributions are entered by the partners' finance officers.`;
  return (
    <p className="banner banner-info" role="note" data-testid="permission-note">
      {text}
    </p>
  );
}
