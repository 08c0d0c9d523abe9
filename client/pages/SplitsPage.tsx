// /partnerships/<id>/splits: the partnership's split rules (who pays what share of a cost), an editor with a live
// allocation of a sample amount for commissioners and admins, their scenarios (try rules on a fund's real cost lines,
// compare, promote one to the plan), and the Section 75 risk-share statement of a fund.
import { useState } from 'react';
import { formatBasisPoints, formatPence } from '../../shared/money';
import { roleCan } from '../../shared/permissions';
import type { SplitRule } from '../../shared/split-schemas';
import { useUser } from '../auth';
import { Breadcrumb } from '../components/Breadcrumb';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { PageToolbar } from '../components/PageToolbar';
import { partyLabel, partyOptions, type PartyOption } from '../components/SplitParties';
import { ScenarioPanel } from '../components/ScenarioPanel';
import { SplitRiskStatement } from '../components/SplitRiskStatement';
import { SplitRuleEditor } from '../components/SplitRuleEditor';
import '../components/split.css';
import { useSplitRules } from '../hooks/useSplits';
import { useOrganisations } from '../hooks/useOrganisations';
import { usePartnership } from '../hooks/usePartnerships';
import { ACTIONS, TableHead } from '../components/SimpleTable';

function describeParts(rule: SplitRule, options: PartyOption[]): string {
  const fixed = rule.fixed.map((f) => `${partyLabel(f.party, options)} ${formatPence(f.pence)}`);
  const shares = rule.shares.map((s) => `${partyLabel(s.party, options)} ${formatBasisPoints(s.basisPoints)}`);
  const remainder =
    rule.remainder === 'unfunded'
      ? 'gap unfunded'
      : rule.remainder === 'normalise'
        ? 'shares normalised'
        : `gap to ${partyLabel(rule.remainder, options)}`;
  return [...(fixed.length ? [`first ${fixed.join(', ')}`] : []), shares.join(', ') || 'no shares', remainder].join('; ');
}

export function SplitsPage({ partnershipId }: { partnershipId: number }) {
  const user = useUser();
  const canEdit = roleCan(user.role, 'split_rule', 'change');
  const canUseScenarios = roleCan(user.role, 'scenario', 'change');
  const partnership = usePartnership(partnershipId);
  const orgs = useOrganisations();
  const rules = useSplitRules(partnershipId);
  // null: no editor open; 'new': a new rule; a number: the rule with that id.
  const [editing, setEditing] = useState<'new' | number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (partnership.error) return <LoadError error={partnership.error} what="this partnership" />;
  if (rules.error) return <LoadError error={rules.error} what="the split rules" />;
  if (!partnership.data || !orgs.data || !rules.data) return <Loading what="the split rules" />;
  const p = partnership.data;
  const options = partyOptions(orgs.data.filter((o) => p.memberOrgIds.includes(o.id)));
  const editingRule = typeof editing === 'number' ? (rules.data.find((r) => r.id === editing) ?? null) : null;

  return (
    <section>
      <Breadcrumb partnership={p} here="Splits and risk share" />
      <h1>Splits and risk share</h1>
      {p.isDemo && <DemoBanner />}
      {/* The page's actions first (a new rule, for those who may), then links to its three sections. */}
      <PageToolbar label="Splits actions" testId="page-toolbar">
        {canEdit && (
          <button
            type="button"
            className="button-primary"
            onClick={() => setEditing('new')}
            disabled={editing !== null}
            title={editing !== null ? 'Save or cancel the rule you are editing first' : undefined}
          >
            New rule
          </button>
        )}
        <a href="#split-rules-title">Split rules</a>
        <a href="#scenarios-title">Scenarios</a>
        <a href="#risk-share-title">Risk-share statement</a>
      </PageToolbar>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}

      <h2 id="split-rules-title">Split rules</h2>
      <p className="muted">How a cost is shared between the partners: fixed amounts first, then percentage shares of the rest.</p>
      {rules.data.length === 0 ? (
        <p className="muted">No split rules yet.</p>
      ) : (
        <table className="simple-table" data-testid="split-rules">
          <TableHead columns={['Rule', 'Split', 'Description', 'Source of the rule', canEdit && ACTIONS]} />
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{describeParts(r, options)}</td>
                <td>{r.description}</td>
                <td>{r.sourceOfRule}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="button-secondary" onClick={() => setEditing(r.id)} aria-label={`Edit ${r.name}`}>
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        editing !== null && (
          <SplitRuleEditor
            key={String(editing)}
            partnershipId={p.id}
            rule={editingRule}
            options={options}
            onDone={(message) => {
              setEditing(null);
              setNotice(message ? { kind: 'info', text: message } : null);
            }}
          />
        )
      ) : (
        <p className="muted">Commissioners and administrators change split rules; you can read them.</p>
      )}

      <h2 id="scenarios-title">Scenarios</h2>
      {canUseScenarios ? (
        <>
          <p className="muted">
            Try splits on a fund’s real cost lines before committing one. A scenario is your private working copy: change a line’s cost or
            split and each partner’s total moves; nothing reaches the plan until you promote it.
          </p>
          <ScenarioPanel partnershipId={p.id} rules={rules.data} />
        </>
      ) : (
        <p className="muted">Scenarios are commissioners’ private working copies; the plan shows what has been committed.</p>
      )}

      <h2 id="risk-share-title">Risk-share statement</h2>
      <p className="muted">
        Who meets an overspend or gets an underspend back under the Section 75 agreement, in the BCF order: underspends elsewhere in the
        pool, then the contingency, then uncommitted scheme money, then the partners.
      </p>
      <SplitRiskStatement partnershipId={p.id} />
    </section>
  );
}
