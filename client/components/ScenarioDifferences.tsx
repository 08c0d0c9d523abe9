// How a scenario differs from the committed plan, and why (issue 22, item 6): the status of each scenario in the list,
// the sentences under an open scenario and under the comparison, all from shared/reconcile.ts on the plan as it is now.
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatPence } from '../../shared/money';
import { plannedSpendOf } from '../../shared/plan-checks';
import { explainScenario, partnerDifferenceText, type PartnerDifference } from '../../shared/reconcile';
import { MAX_COMPARED_SCENARIOS, type ScenarioDetail } from '../../shared/scenario-schemas';
import { useContributions } from '../hooks/useContributions';
import { useSources } from '../hooks/useOrganisations';
import { useSchemes } from '../hooks/useSchemes';
import { useTRPC } from '../trpc';
import { Loading } from './Loading';

export const signed = (pence: number) => (pence > 0 ? `+${formatPence(pence)}` : formatPence(pence));

/** For each scenario listed, the partners whose total differs from the committed plan (scenarios.compare, a few
 * scenarios a call): a scenario reads "In step with the plan" only when there are none. Missing while loading. */
export function useDifferingPartners(fundId: number, ids: readonly number[]): Map<number, { name: string; changePence: number }[]> {
  const trpc = useTRPC();
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += MAX_COMPARED_SCENARIOS) chunks.push(ids.slice(i, i + MAX_COMPARED_SCENARIOS));
  const results = useQueries({ queries: chunks.map((scenarioIds) => trpc.scenarios.compare.queryOptions({ fundId, scenarioIds })) });
  const out = new Map<number, { name: string; changePence: number }[]>();
  for (const { data } of results) {
    data?.scenarios.forEach((scenario, i) =>
      out.set(
        scenario.id,
        data.partners.flatMap((p) => {
          const changePence = p.scenarios[i]?.changePence ?? 0;
          return changePence === 0 ? [] : [{ name: p.name, changePence }];
        }),
      ),
    );
  }
  return out;
}

/** Each partner's difference from the committed plan and its causes (shared/reconcile.ts), from the plan as it is now:
 * its contributions and its schemes' spend. Null while they load. */
export function usePlanDifferences(fundId: number, detail: ScenarioDetail | undefined) {
  const { explain, refresh } = usePlanBasis(fundId);
  return { differences: detail && explain ? explain(detail) : null, refresh };
}

/** What the differences are worked out from: the plan's contributions, its schemes' spend and the sources' names.
 * `explain` is null while they load; `refresh` reloads the contributions (after a promotion changes them). */
function usePlanBasis(fundId: number) {
  const contributions = useContributions(fundId);
  const { plan } = useSchemes(fundId);
  const sources = useSources();
  const rows = contributions.rows.data;
  const nameOf = (code: string) => sources.data?.find((x) => x.code === code)?.name ?? code;
  const explain =
    rows && plan.data && sources.data
      ? (detail: ScenarioDetail) => {
          const schemes = (plan.data?.schemes ?? []).map((s) => ({ source: s.fundingSource, plannedPence: plannedSpendOf(s) }));
          return explainScenario(detail.result, detail.members, rows, schemes, nameOf);
        }
      : null;
  return { explain, refresh: contributions.refresh };
}

/** "In step with the plan" only when every partner's figure matches; otherwise a sentence per difference saying why. */
export function PlanDifferences({ differences }: { differences: PartnerDifference[] | null }) {
  if (!differences) return <Loading what="how this scenario differs from the plan" />;
  const sentences = differences.map(partnerDifferenceText).filter((text) => text !== '');
  return (
    <div data-testid="scenario-differences" role="status">
      {sentences.length === 0 ? (
        <p>In step with the plan: every partner’s figure matches its planned contribution.</p>
      ) : (
        <>
          <p>Differs from the committed plan:</p>
          <ul>
            {sentences.map((text) => (
              <li key={text}>{text}.</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Under the comparison table: for each compared scenario that differs from the plan, why, partner by partner. */
export function ComparisonReasons({ fundId, scenarioIds }: { fundId: number; scenarioIds: readonly number[] }): ReactNode {
  const trpc = useTRPC();
  const details = useQueries({ queries: scenarioIds.map((id) => trpc.scenarios.get.queryOptions({ id })) });
  const { explain } = usePlanBasis(fundId);
  if (!explain) return null;
  const explained = details.flatMap(({ data }) => {
    if (!data) return [];
    const sentences = explain(data)
      .map(partnerDifferenceText)
      .filter((text) => text !== '');
    return sentences.length === 0 ? [] : [{ id: data.scenario.id, name: data.scenario.name, sentences }];
  });
  if (explained.length === 0) return null;
  return (
    <div data-testid="comparison-reasons">
      {explained.map((e) => (
        <div key={e.id}>
          <p>Why ‘{e.name}’ differs from the committed plan:</p>
          <ul>
            {e.sentences.map((text) => (
              <li key={text}>{text}.</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
