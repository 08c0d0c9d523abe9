// /history: recent changes in a partnership, grouped by batch and newest first, filtered by who, when and what kind
// of row; each batch can be undone (the server decides who may undo what). The choices live in the URL query.
import { useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { roleCan } from '../../shared/permissions';
import type { AuditListInput } from '../../shared/schemas';
import { useUser } from '../auth';
import { groupByBatch, HistoryBatchList, type HistoryBatch } from '../components/HistoryBatchList';
import { ALL_SCOPE, HistoryFilters, type HistoryFilterValues } from '../components/HistoryFilters';
import { batchTitle, localDayStart, valuesFromEvents, type HistoryLookups } from '../components/HistoryFormat';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { useAuditEvents, useAuditPeople, useUndoBatch } from '../hooks/useAudit';
import { useSearchChanges } from '../hooks/useSearchChanges';
import { historySearch } from '../search-params';
import { useOrganisations, useSources } from '../hooks/useOrganisations';
import { usePartnerships } from '../hooks/usePartnerships';
import { apiError } from '../trpc';
import { useFundsAndContributions } from '../hooks/useFund';

/** How many changes one view loads; older ones are reached by narrowing the filters. */
const LIMIT = 500;

export function HistoryPage() {
  const user = useUser();
  const isAdmin = user.role === 'admin';
  const search = useSearch({ from: '/_signedIn/history' });
  const setParams = useSearchChanges(historySearch);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undoing, setUndoing] = useState<string | null>(null);

  const partnerships = usePartnerships();
  const orgs = useOrganisations();
  const sources = useSources();

  // The partnership in view: the one in the URL when this user may see it, otherwise the first.
  const asked = search.partnership === undefined ? null : String(search.partnership);
  const list = partnerships.data ?? [];
  const valid = asked !== null && ((isAdmin && asked === ALL_SCOPE) || list.some((p) => String(p.id) === asked));
  const scope = valid && asked !== null ? asked : list[0] ? String(list[0].id) : '';
  const partnershipId = scope === '' || scope === ALL_SCOPE ? undefined : Number(scope);

  useEffect(() => {
    if (!partnerships.data || scope === '' || asked === scope) return;
    if (asked !== null)
      setNotice({ kind: 'error', text: `There is no partnership ${asked} that you can see; showing ${list[0]?.name ?? 'the first'}.` });
    setParams({ partnership: scope });
  }, [partnerships.data, scope, asked, list, setParams]);

  const values: HistoryFilterValues = {
    scope,
    user: search.user === undefined ? '' : String(search.user),
    from: search.from ?? '',
    to: search.to ?? '',
    entity: search.entity ?? '',
  };
  const onFilter = (changes: Partial<HistoryFilterValues>) => {
    const { scope: nextScope, ...rest } = changes;
    setParams({ ...(nextScope === undefined ? {} : { partnership: nextScope }), ...rest });
  };

  const filter: AuditListInput = {
    ...(partnershipId ? { partnershipId } : {}),
    ...(/^\d+$/.test(values.user) ? { userId: Number(values.user) } : {}),
    ...(values.entity ? { entity: values.entity as NonNullable<AuditListInput>['entity'] } : {}),
    ...(localDayStart(values.from) ? { from: localDayStart(values.from) } : {}),
    ...(localDayStart(values.to, 1) ? { to: localDayStart(values.to, 1) } : {}),
    limit: LIMIT,
  };
  const events = useAuditEvents(filter, scope !== '');
  const people = useAuditPeople(partnershipId, scope !== '');

  const inView = scope === ALL_SCOPE ? list.map((p) => p.id) : partnershipId ? [partnershipId] : [];
  const { funds, contributions } = useFundsAndContributions(inView);

  const look = useMemo<HistoryLookups>(() => {
    const orgNames = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
    const sourceNames = new Map((sources.data ?? []).map((s) => [s.code, s.name]));
    const fundNames = new Map(funds.map((f) => [f.id, `${f.name} ${f.financialYear}`]));
    const partnershipNames = new Map(list.map((p) => [p.id, p.name]));
    const personNames = new Map((people.data ?? []).flatMap((p) => (p.userId === null ? [] : ([[p.userId, p.userName ?? '']] as const))));
    const current = new Map<string, Readonly<Record<string, unknown>>>(contributions.map((c) => [`contribution:${c.id}`, { ...c }]));
    const fromEvents = valuesFromEvents(events.data ?? []);
    return {
      orgName: (id) => orgNames.get(id) ?? `Organisation #${id}`,
      sourceName: (code) => sourceNames.get(code) ?? code,
      fundName: (id) => fundNames.get(id) ?? null,
      partnershipName: (id) => partnershipNames.get(id) ?? null,
      personName: (id) => personNames.get(id) || null,
      rowValues: (entity, id) => current.get(`${entity}:${id}`) ?? fromEvents.get(`${entity}:${id}`),
    };
  }, [orgs.data, sources.data, funds, list, contributions, events.data, people.data]);

  const { undo, refreshAfterUndo } = useUndoBatch();
  /** The permissions table says who may undo at all (a board member: no Undo buttons); the server lets a
   * non-administrator undo only their own saves (another's: Undo disabled, saying so). */
  const undoBlock = roleCan(user.role, 'audit_event', 'undo')
    ? (batch: HistoryBatch) =>
        // A step of sign-off is a record of what someone did (the server refuses to undo it, as here).
        batch.events.some((e) => e.entity === 'submission' || e.entity === 'signature')
          ? 'A step of sign-off cannot be undone: an administrator can reopen the submission with a reason'
          : isAdmin || batch.userId === user.id
            ? null
            : 'You can undo only your own changes; ask an administrator to undo someone else’s'
    : undefined;
  const onUndo = async (batch: HistoryBatch) => {
    setUndoing(batch.batchId);
    let outcome: Notice;
    try {
      await undo.mutateAsync({ batchId: batch.batchId });
      outcome = { kind: 'info', text: `Undone: ${batchTitle(batch.label)}.` };
    } catch (error) {
      outcome = { kind: 'error', text: apiError(error).message };
    }
    // Refresh first, so the message appears together with the list that shows its effect.
    await refreshAfterUndo();
    setNotice(outcome);
    setUndoing(null);
  };

  if (partnerships.error) return <LoadError error={partnerships.error} what="partnerships" />;
  if (!partnerships.data || !orgs.data || !sources.data) return <Loading what="the history" />;
  const batches = groupByBatch(events.data ?? []);

  return (
    <section>
      <h1>History</h1>
      <p className="muted">
        Who changed what and when, newest first. Undo takes back a whole save (your own, or anyone&rsquo;s for an administrator).
      </p>
      {list.length === 0 ? (
        <p>You are not in any partnership yet, so there is no history to show.</p>
      ) : (
        <HistoryFilters partnerships={list} people={people.data ?? []} isAdmin={isAdmin} values={values} onChange={onFilter} />
      )}
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {events.error ? (
        <LoadError error={events.error} what="the changes" />
      ) : scope === '' ? null : !events.data ? (
        <Loading what="the changes" />
      ) : batches.length === 0 ? (
        <p className="muted history-empty">No changes match these filters.</p>
      ) : (
        <>
          <h2>
            {batches.length} {batches.length === 1 ? 'batch' : 'batches'} of changes
          </h2>
          {events.data.length >= LIMIT && (
            <p className="banner">Showing the latest {LIMIT} changes: narrow the filters (dates, person) to see older ones.</p>
          )}
          <HistoryBatchList batches={batches} look={look} onUndo={(b) => void onUndo(b)} undoBlock={undoBlock} undoing={undoing} />
        </>
      )}
    </section>
  );
}
