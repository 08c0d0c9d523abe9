// /funds/<id>/outcomes: the fund's outcomes against targets (per metric, scheme and quarter, status derived), the
// benefit lines of its scheme appraisals, and what they add up to for each scheme: savings per £1 with the band from
// its evidence, net present value, benefit-cost ratio and payback, each with the evidence it rests on.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { formatPence } from '../../shared/money';
import { roleCan } from '../../shared/permissions';
import type { BenefitPatch, BenefitValues, OutcomePatch, OutcomeValues } from '../../shared/outcome-schemas';
import type { Outcome, RoiBenefit } from '../../shared/outcome-types';
import { ATTRIBUTION_HELP } from '../../shared/roi';
import { paybackText, perPoundText, ratioText, WORDS } from '../../shared/wording';
import { useUser } from '../auth';
import { BenefitsGrid } from '../components/BenefitsGrid';
import { FundPageHeader } from '../components/FundPageHeader';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { KeepFiguresWhole } from '../components/KeepFiguresWhole';
import { OutcomesGrid } from '../components/OutcomesGrid';
import { PageToolbar, SectionToolbar } from '../components/PageToolbar';
import { EvidenceForm, UnitCostForm } from '../components/RoiReferenceForms';
import { partyOptions } from '../components/SplitParties';
import { useFundUndo } from '../components/sheet/useFundUndo';
import { useThreads } from '../components/comments/useThreads';
import { useGridApply, type GridChange } from '../components/sheet/useGridApply';
import { useFund } from '../hooks/useFund';
import { useOutcomes } from '../hooks/useOutcomes';
import { useOrganisations } from '../hooks/useOrganisations';
import { useRoiReference } from '../hooks/useRoiReference';
import { apiError } from '../trpc';
import { num, numClass, TableHead } from '../components/SimpleTable';
import { useSchemeList } from '../hooks/useSchemes';

export function OutcomesPage({ fundId }: { fundId: number }) {
  const user = useUser();
  const { fund, partnership } = useFund(fundId);
  const orgs = useOrganisations();
  const { outcomes, benefits, roi, outcomeBatch, benefitBatch, refresh } = useOutcomes(fundId);
  const schemes = useSchemeList(fundId);
  const { unitCosts, evidence, refresh: refreshReference } = useRoiReference();
  const [notice, setNotice] = useState<Notice | null>(null);

  const undo = useFundUndo(fundId, refresh, setNotice);
  const outcomeComments = useThreads<Outcome>({ fundId, entity: 'outcome', keyField: 'metricId' });
  const benefitComments = useThreads<RoiBenefit>({ fundId, entity: 'roi_benefit', keyField: 'schemeId' });

  const sendOutcomes = useCallback(
    (changes: GridChange<OutcomeValues, OutcomePatch>[]) => outcomeBatch.mutateAsync({ fundId, changes }),
    [outcomeBatch, fundId],
  );
  const sendBenefits = useCallback(
    (changes: GridChange<BenefitValues, BenefitPatch>[]) => benefitBatch.mutateAsync({ fundId, changes }),
    [benefitBatch, fundId],
  );
  const onApplyOutcomes = useGridApply<Outcome, OutcomeValues, OutcomePatch>(sendOutcomes, refresh, setNotice);
  const onApplyBenefits = useGridApply<RoiBenefit, BenefitValues, BenefitPatch>(sendBenefits, refresh, setNotice);

  const outcomeBlock = useCallback(
    () => (roleCan(user.role, 'outcome', 'change') ? null : 'Board members read outcomes but do not change them'),
    [user.role],
  );
  const benefitBlock = useCallback(
    () => (roleCan(user.role, 'roi_benefit', 'change') ? null : 'Commissioners and administrators keep the appraisals'),
    [user.role],
  );
  const members = useMemo(
    () => (orgs.data ?? []).filter((o) => partnership.data?.memberOrgIds.includes(o.id)),
    [orgs.data, partnership.data],
  );

  /** Unit costs and evidence are shared by every fund: reload them, and the returns that use them. */
  const savedReference = async (message: string) => {
    setNotice({ kind: 'info', text: message });
    await Promise.all([refreshReference(), refresh()]);
  };

  const remove = async (what: 'outcome' | 'benefit', row: { id: number; version: number }) => {
    try {
      const change = [{ op: 'delete' as const, id: row.id, version: row.version }];
      if (what === 'outcome') await outcomeBatch.mutateAsync({ fundId, changes: change });
      else await benefitBatch.mutateAsync({ fundId, changes: change });
      setNotice({ kind: 'info', text: `Deleted the ${what === 'outcome' ? 'outcome row' : 'benefit line'}. Undo brings it back.` });
    } catch (error) {
      setNotice({ kind: 'error', text: apiError(error).message });
    } finally {
      await refresh();
    }
  };

  const error = fund.error ?? outcomes.error ?? roi.error;
  if (error) return <LoadError error={error} what="the outcomes" />;
  if (
    !fund.data ||
    !partnership.data ||
    !orgs.data ||
    !outcomes.data ||
    !schemes.data ||
    !benefits.data ||
    !unitCosts.data ||
    !evidence.data ||
    !roi.data
  ) {
    return <Loading what="the outcomes" />;
  }
  const canEditOutcomes = outcomeBlock() === null;
  const canEditBenefits = benefitBlock() === null;
  const evidenceOf = new Map(evidence.data.map((e) => [e.id, e]));

  return (
    <section>
      <FundPageHeader
        title="Outcomes and return on investment"
        partnership={partnership.data}
        fund={fund.data}
        bcfYear={outcomes.data.bcfYear}
        current="outcomes"
      />
      {/* The page's actions first (add an outcome row), then links to its sections further down. */}
      <PageToolbar label="Outcomes actions" testId="page-toolbar">
        {canEditOutcomes && (
          <button
            type="button"
            className="button-primary"
            onClick={() => void onApplyOutcomes([{ kind: 'create', values: { metricId: outcomes.data.metrics[0]?.id, quarter: 1 } }])}
            disabled={outcomes.data.metrics.length === 0}
            title={outcomes.data.metrics.length === 0 ? 'This fund’s BCF year has no metrics to report against' : undefined}
          >
            Add outcome row
          </button>
        )}
        <a href="#roi-title">Return on investment</a>
        <a href="#benefits-title">Benefit lines</a>
        <a href="#reference-title">Unit costs and evidence</a>
      </PageToolbar>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}

      <h2>Outcomes against targets</h2>
      <AboutTheseFigures>
        <p>
          Values are in each metric’s unit (a percentage, a rate per 100,000 or a count). A rate’s actual is worked out from its numerator
          and denominator when you give them. The status compares the actual with the target, knowing whether lower or higher is better;
          without an actual it reads “Data not available”.
        </p>
      </AboutTheseFigures>
      <OutcomesGrid
        metrics={outcomes.data.metrics}
        schemes={schemes.data}
        rows={outcomes.data.outcomes}
        editBlock={outcomeBlock}
        onApply={onApplyOutcomes}
        undo={undo}
        threads={outcomeComments.threads}
        rowActions={(row) =>
          canEditOutcomes ? (
            <button
              type="button"
              className="link-button"
              aria-label={`Delete Q${row.quarter} outcome row ${row.id}`}
              onClick={() => void remove('outcome', row)}
            >
              Delete
            </button>
          ) : null
        }
      />

      <h2 id="roi-title">Return on investment by scheme</h2>
      <AboutTheseFigures>
        <p>
          Savings per £1 = net benefit ÷ cost, neither discounted (as the POPP evaluation reported it). Net present value and the
          benefit-cost ratio discount at the Green Book rates (3.5% a year, 3.0% from year 31; 1.5% for health values). The band comes from
          the range of the evidence the scheme rests on.
        </p>
      </AboutTheseFigures>
      {roi.data.schemes.length === 0 ? (
        <p className="muted">No scheme of this fund has benefit lines yet.</p>
      ) : (
        <table className="simple-table roi-table" data-testid="scheme-returns">
          <caption>Across these schemes: {perPoundText(roi.data.savedPerPoundBp)} saved per £1 spent</caption>
          <TableHead
            columns={[
              'Scheme',
              num('Cost'),
              num('Net benefit'),
              num('Saved per £1 (band)'),
              num('Net present value'),
              num(WORDS.benefitCostRatio),
              WORDS.payback,
              'Evidence',
            ]}
          />
          <tbody>
            {roi.data.schemes.map(({ summary: s }) => (
              <tr key={s.schemeId}>
                <th scope="row" className="roi-scheme">
                  {s.code} {s.name}
                </th>
                <td className="num">{formatPence(s.costPence)}</td>
                <td className={numClass(s.netBenefitPence)}>{formatPence(s.netBenefitPence)}</td>
                <td className="num">
                  {perPoundText(s.savedPerPoundBp)}
                  {s.lowBp !== null && s.highBp !== null ? ` (${perPoundText(s.lowBp)}–${perPoundText(s.highBp)})` : ''}
                </td>
                <td className={numClass(s.netPresentValuePence)}>{formatPence(s.netPresentValuePence)}</td>
                <td className="num">{ratioText(s.benefitCostRatioBp)}</td>
                <td data-testid="payback">{paybackText(s.paybackYear)}</td>
                <td className="roi-evidence">
                  {s.evidence.length === 0
                    ? 'Local estimate only'
                    : s.evidence.map((e) => (
                        <span key={e.id} className="evidence-ref">
                          {e.url ? <a href={e.url}>{<KeepFiguresWhole text={e.claim} />}</a> : <KeepFiguresWhole text={e.claim} />}{' '}
                          <span className="muted">({e.publication})</span>
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Who invests and who benefits</h3>
      <table className="simple-table" data-testid="invests-benefits">
        <TableHead columns={['Partner or sector', num('Invests'), num('Benefits (net)')]} />
        <tbody>
          {roi.data.investsVsBenefits.map((p) => (
            <tr key={p.party}>
              <th scope="row">{p.name}</th>
              <td className="num">{formatPence(p.investsPence)}</td>
              <td className="num">{formatPence(p.benefitsPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="benefits-title">Benefit lines</h2>
      <AboutTheseFigures>
        <p>
          Each line: activity avoided a year × a unit cost, for a number of years, less deadweight (what would have happened anyway), then
          keeping the share credited to this scheme, then optimism bias, then drop-off each year after the first.
        </p>
        <p id="attribution-help">
          <strong>Credited to this scheme (%)</strong>: {ATTRIBUTION_HELP}
        </p>
      </AboutTheseFigures>
      {canEditBenefits && (
        <SectionToolbar label="Benefit line actions">
          <button
            type="button"
            className="button-primary"
            title={
              schemes.data.length === 0 || unitCosts.data.length === 0 ? 'A benefit line needs a scheme and a unit cost first' : undefined
            }
            disabled={schemes.data.length === 0 || unitCosts.data.length === 0}
            onClick={() =>
              void onApplyBenefits([
                {
                  kind: 'create',
                  values: { schemeId: schemes.data[0]?.id, label: 'New benefit line', party: 'health', unitCostId: unitCosts.data[0]?.id },
                },
              ])
            }
          >
            Add benefit line
          </button>
        </SectionToolbar>
      )}
      <BenefitsGrid
        schemes={schemes.data}
        unitCosts={unitCosts.data}
        evidence={evidence.data}
        parties={partyOptions(members)}
        rows={benefits.data}
        editBlock={benefitBlock}
        onApply={onApplyBenefits}
        threads={benefitComments.threads}
        undo={undo}
        rowActions={(row) =>
          canEditBenefits ? (
            <button
              type="button"
              className="link-button"
              aria-label={`Delete benefit line ${row.label}`}
              onClick={() => void remove('benefit', row)}
            >
              Delete
            </button>
          ) : null
        }
      />

      <h2 id="reference-title">Unit costs and evidence</h2>
      <table className="simple-table" data-testid="unit-costs">
        <caption>Unit costs</caption>
        <TableHead columns={['Item', num('Cost'), 'Price year', 'Source']} />
        <tbody>
          {unitCosts.data.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.item}</th>
              <td className="num">{formatPence(u.pence)}</td>
              <td>{u.priceYear}</td>
              <td>{u.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="simple-table" data-testid="evidence">
        <caption>Evidence</caption>
        <TableHead columns={['Claim', num('Value (range)'), 'Publication']} />
        <tbody>
          {[...evidenceOf.values()].map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.url ? <a href={e.url}>{<KeepFiguresWhole text={e.claim} />}</a> : <KeepFiguresWhole text={e.claim} />}</th>
              <td className="num">
                {e.valueKind === 'per_pound' ? `${perPoundText(e.value)} per £1` : formatPence(e.value)}
                {e.low !== null && e.high !== null
                  ? ` (${e.valueKind === 'per_pound' ? perPoundText(e.low) : formatPence(e.low)}–${e.valueKind === 'per_pound' ? perPoundText(e.high) : formatPence(e.high)})`
                  : ''}
              </td>
              <td>{e.publication}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEditBenefits ? (
        <div className="roi-forms">
          <UnitCostForm onSaved={savedReference} onError={(text) => setNotice({ kind: 'error', text })} />
          <EvidenceForm onSaved={savedReference} onError={(text) => setNotice({ kind: 'error', text })} />
        </div>
      ) : (
        <p className="muted">Commissioners and administrators keep the unit costs and the evidence.</p>
      )}
      {outcomeComments.panel}
      {benefitComments.panel}
    </section>
  );
}

/** A section's explanation of its figures, folded away so the page opens on the figures (issue 22, item 4). */
function AboutTheseFigures({ children }: { children: ReactNode }) {
  return (
    <details className="about-figures" data-testid="about-figures">
      <summary>About these figures</summary>
      <div className="muted">{children}</div>
    </details>
  );
}
