// /funds/<id>/contributions: each partner's planned and actual contributions to one fund, by funding source and
// quarter, with the fund's headline figures and a planned-vs-actual chart that follow every saved edit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { contributionEditBlock, ROLE_LABELS } from '../../shared/roles';
import type { ContributionPatch } from '../../shared/schemas';
import type { Contribution } from '../../shared/types';
import { asPerson, useUser } from '../auth';
import { ConflictDialog, type Conflict } from '../components/ConflictDialog';
import { ContributionsGrid, type EditableField, type SaveResult } from '../components/ContributionsGrid';
import { HistoryPanel } from '../components/HistoryPanel';
import { HeadlineFigures } from '../components/HeadlineFigures';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { PartnerChart } from '../components/PartnerChart';
import { Link, navigate } from '../router';
import { apiError, useTRPC } from '../trpc';

interface UndoableNotice extends Notice {
  undoBatchId?: string;
}

export function ContributionsPage({ fundId }: { fundId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fund = useQuery(trpc.funds.get.queryOptions({ id: fundId }));
  const partnershipId = fund.data?.partnershipId ?? 0;
  const partnership = useQuery({ ...trpc.partnerships.get.queryOptions({ id: partnershipId }), enabled: partnershipId > 0 });
  const siblings = useQuery({ ...trpc.funds.list.queryOptions({ partnershipId }), enabled: partnershipId > 0 });
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const sources = useQuery(trpc.sources.list.queryOptions());
  const rows = useQuery(trpc.contributions.list.queryOptions({ fundId }));
  const summary = useQuery(trpc.funds.summary.queryOptions({ fundId }));
  const [notice, setNotice] = useState<UndoableNotice | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [history, setHistory] = useState<{ rowId: number; field: EditableField | null } | null>(null);
  const user = useUser();

  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.contributions.list.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.funds.summary.queryKey({ fundId }) }),
    ]);
  }, [queryClient, trpc, fundId]);

  const update = useMutation(trpc.contributions.update.mutationOptions());
  const batch = useMutation(trpc.contributions.applyBatch.mutationOptions());
  const undo = useMutation(trpc.audit.undo.mutationOptions());

  const onPatch = useCallback(
    async (row: Contribution, patch: ContributionPatch): Promise<SaveResult> => {
      try {
        await update.mutateAsync({ id: row.id, version: row.version, patch });
        setNotice(null);
        return { ok: true };
      } catch (error) {
        const { code, message, fieldErrors, current } = apiError(error);
        const [field] = Object.keys(patch) as EditableField[];
        if (code === 'CONFLICT' && field && current && typeof current === 'object') {
          // Someone saved this row since it was loaded: ask whose value wins instead of overwriting theirs.
          setConflict({ field, mine: patch[field], current: current as Contribution });
          return { ok: false, message: '', fields: {} };
        }
        if (code === 'CONFLICT' || code === 'NOT_FOUND') {
          setNotice({ kind: 'error', text: `${message}. The grid now shows the latest figures.` });
        }
        const fields: Partial<Record<EditableField, string>> = {};
        for (const e of fieldErrors) fields[e.path.replace(/^patch\./, '') as EditableField] = e.message;
        return { ok: false, message, fields };
      } finally {
        await refresh();
      }
    },
    [update, refresh],
  );

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
  /** The partners this person can enter figures for: every member for an admin, their own for a finance officer. */
  const writablePartners = useMemo(() => members.filter((m) => contributionEditBlock(person, m.id) === null), [members, person]);
  const writableIds = useMemo(() => writablePartners.map((m) => m.id), [writablePartners]);

  const resolveConflict = useCallback(
    async (keepMine: boolean) => {
      if (!conflict) return;
      setConflict(null);
      if (keepMine) {
        // Save again over the other person's value, knowingly: against the version they left.
        try {
          await update.mutateAsync({
            id: conflict.current.id,
            version: conflict.current.version,
            patch: { [conflict.field]: conflict.mine } as ContributionPatch,
          });
          setNotice({ kind: 'info', text: 'Your value was saved over the other change.' });
        } catch (error) {
          setNotice({ kind: 'error', text: apiError(error).message });
        }
      } else {
        setNotice({ kind: 'info', text: 'Kept the other person’s value; yours was not saved.' });
      }
      await refresh();
    },
    [conflict, update, refresh],
  );

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
  if (!fund.data || !partnership.data || !orgs.data || !sources.data || !rows.data) return <Loading what="the fund" />;

  const historyRow = history ? rows.data.find((r) => r.id === history.rowId) : undefined;

  return (
    <section>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/partnerships">Partnerships</Link> › <Link href={`/partnerships/${partnership.data.id}`}>{partnership.data.name}</Link>{' '}
        ›{' '}
        <span aria-current="page">
          {fund.data.name} {fund.data.financialYear}
        </span>
      </nav>
      <div className="title-row">
        <h1>
          Contributions{' '}
          <span className="muted">
            · {fund.data.name} {fund.data.financialYear}
          </span>
        </h1>
        <label className="fund-switch">
          Fund{' '}
          <select value={fundId} onChange={(e) => navigate(`/funds/${e.target.value}/contributions`)}>
            {(siblings.data ?? [fund.data]).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} {f.financialYear}
              </option>
            ))}
          </select>
        </label>
      </div>
      {partnership.data.isDemo && <DemoBanner />}
      {summary.data && <HeadlineFigures summary={summary.data} />}

      <PermissionNote role={user.role} writable={writablePartners.map((m) => m.name)} />
      {writablePartners.length > 0 && (
        <div className="toolbar">
          <button type="button" onClick={() => void onAdd()} disabled={batch.isPending}>
            Add contribution
          </button>
          <span className="muted hint">
            Yellow cells are input: type and press Enter to save (£ amounts like 1234.56 or £1,234.56). Grey cells are computed.
          </span>
        </div>
      )}
      {notice && (
        <NoticeBanner notice={notice} onDismiss={() => setNotice(null)}>
          {notice.undoBatchId && (
            <button type="button" className="link-button" onClick={() => notice.undoBatchId && void onUndo(notice.undoBatchId)}>
              Undo
            </button>
          )}
        </NoticeBanner>
      )}
      <div className={history ? 'contributions-layout with-panel' : 'contributions-layout'}>
        <ContributionsGrid
          rows={rows.data}
          partners={members}
          sources={sources.data}
          onPatch={onPatch}
          onDelete={onDelete}
          editBlock={editBlock}
          assignablePartnerIds={writableIds}
          onShowHistory={(row, field) => setHistory({ rowId: row.id, field })}
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
          summary.data && <PartnerChart partners={summary.data.byPartner} />
        )}
      </div>
      {history && historyRow && summary.data && <PartnerChart partners={summary.data.byPartner} />}
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          partnerName={partnerName}
          sourceName={sourceName}
          onKeepMine={() => void resolveConflict(true)}
          onTakeTheirs={() => void resolveConflict(false)}
        />
      )}
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
