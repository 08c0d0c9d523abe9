// The year-end (or forecast) risk-share statement of a fund: its expenditure plan and contributions turned into the
// input of apportionVariance (shared/risk-share.ts), and the result laid out for a board. Pure: the server gathers the
// figures, this decides what they mean.
//
// The rules, in full:
// - Each scheme is a cost line. Its variance is actual - planned for the year ('actual'), or forecast outturn - plan
//   ('forecast': actual to the last reported quarter + the plan of the quarters after, shared/plan-variance.ts).
// - The partners are the fund's contributors, as `org:<id>`, with their planned and actual contributions.
// - The commissioner of a line (the BCF template's commissioner code) becomes a party:
//     la            the one social-care partner (an organisation of sector social_care among the contributors), or
//                   the sector social_care when there is not exactly one;
//     icb, nhse     the one health partner likewise, or the sector health;
//     joint         the line is split into an NHS part and an LA part by its % NHS / % LA (largest remainder, NHS
//                   first), each mapped as above; without both percentages, as a line with no commissioner;
//     none / other  the partnership's host organisation, or the sector 'other' when it has none.
// - A `host_bears` method without a host named means the partnership's host organisation.
import { largestRemainder } from './allocate';
import { ValidationError } from './errors';
import { sumPence } from './money';
import type { PlanSettings, Scheme } from './plan-types';
import { lastReportedQuarterOf, spendVariance } from './plan-variance';
import { apportionVariance, type LineVariance, type PartnerShare, type RiskShareMethod, type RiskShareResult } from './risk-share';
import type { RiskShareBasis, RiskShareConfig, StoredRiskShareMethod } from './risk-share-schemas';
import type { Sector } from './schemas';
import type { Party } from './split';

export interface StatementPartner {
  orgId: number;
  name: string;
  sector: Sector;
  plannedPence: number;
  actualPence: number;
}

export interface StatementSource {
  basis: RiskShareBasis;
  schemes: readonly Scheme[];
  settings: PlanSettings;
  partners: readonly StatementPartner[];
  hostOrgId: number | null;
  config: RiskShareConfig;
}

export interface StatementLine extends LineVariance {
  schemeId: number;
}

export interface RiskShareStatement extends Omit<RiskShareResult, 'partners'> {
  basis: RiskShareBasis;
  /** The quarters of actual spend the forecast is built on (0-4); 4 for the 'actual' basis. */
  lastReportedQuarter: number;
  /** The plan, the outturn (actual, or forecast) and the variance (outturn - plan) of the fund's schemes. */
  outturn: { plannedPence: number; outturnPence: number; variancePence: number };
  /** The methods as applied (a host_bears host filled in from the partnership). */
  overspendMethod: RiskShareMethod;
  underspendMethod: RiskShareMethod;
  contingencyPence: number;
  uncommittedPence: number;
  lines: StatementLine[];
  partners: (PartnerShare & { name: string })[];
}

const orgParty = (orgId: number): Party => `org:${orgId}`;

/** The party for a commissioner code (see the rules at the top of this file). */
function partyFor(code: 'la' | 'nhs' | 'none', partners: readonly StatementPartner[], hostOrgId: number | null): Party {
  if (code === 'none') return hostOrgId !== null ? orgParty(hostOrgId) : 'other';
  const sector: Sector = code === 'la' ? 'social_care' : 'health';
  const matching = partners.filter((p) => p.sector === sector);
  const only = matching.length === 1 ? matching[0] : undefined;
  return only ? orgParty(only.orgId) : sector;
}

function linesOf(source: StatementSource, lastReportedQuarter: number): StatementLine[] {
  const { partners, hostOrgId } = source;
  return source.schemes.flatMap((scheme): StatementLine[] => {
    const v = spendVariance(scheme.spend, lastReportedQuarter, source.settings);
    const variancePence = source.basis === 'actual' ? v.variancePence : v.forecastVariancePence;
    const line = (commissioner: Party, pence: number, suffix = ''): StatementLine => ({
      schemeId: scheme.id,
      line: `${scheme.code} ${scheme.name}${suffix}`,
      commissioner,
      variancePence: pence,
    });
    switch (scheme.commissioner) {
      case 'la':
        return [line(partyFor('la', partners, hostOrgId), variancePence)];
      case 'icb':
      case 'nhse':
        return [line(partyFor('nhs', partners, hostOrgId), variancePence)];
      case 'joint':
        if (scheme.nhsShareBp !== null && scheme.laShareBp !== null) {
          const [nhs = 0, la = 0] = largestRemainder(Math.abs(variancePence), [scheme.nhsShareBp, scheme.laShareBp]);
          const sign = variancePence < 0 ? -1 : 1;
          return [
            line(partyFor('nhs', partners, hostOrgId), sign * nhs, ' (NHS part)'),
            line(partyFor('la', partners, hostOrgId), sign * la, ' (LA part)'),
          ];
        }
        return [line(partyFor('none', partners, hostOrgId), variancePence)];
      default:
        return [line(partyFor('none', partners, hostOrgId), variancePence)];
    }
  });
}

function resolveMethod(method: StoredRiskShareMethod, hostOrgId: number | null, field: string): RiskShareMethod {
  if (method.kind !== 'host_bears') return method;
  if (method.host !== undefined) return { kind: 'host_bears', host: method.host };
  if (hostOrgId === null) {
    throw new ValidationError([
      {
        path: `${field}.host`,
        message: 'Host must be named for host_bears: the partnership has no host organisation, got none',
      },
    ]);
  }
  return { kind: 'host_bears', host: orgParty(hostOrgId) };
}

/** The statement: outturn, each step of the BCF order, and what each partner pays or receives. Always
 * contingency + uncommitted + sum(pays) - sum(receives) === variance (shared/risk-share.ts). */
export function riskShareStatement(source: StatementSource): RiskShareStatement {
  const lastReportedQuarter = source.basis === 'actual' ? 4 : lastReportedQuarterOf(source.schemes);
  const lines = linesOf(source, lastReportedQuarter);
  const overspendMethod = resolveMethod(source.config.overspendMethod, source.hostOrgId, 'overspendMethod');
  const underspendMethod = resolveMethod(source.config.underspendMethod, source.hostOrgId, 'underspendMethod');
  const result = apportionVariance({
    partners: source.partners.map((p) => ({ party: orgParty(p.orgId), plannedPence: p.plannedPence, actualPence: p.actualPence })),
    lines,
    overspendMethod,
    underspendMethod,
    contingencyPence: source.config.contingencyPence,
    uncommittedPence: source.config.uncommittedPence,
  });
  const plannedPence = sumPence(source.schemes.flatMap((s) => s.spend.map((q) => q.plannedPence)));
  const names = new Map(source.partners.map((p) => [orgParty(p.orgId), p.name]));
  return {
    ...result,
    basis: source.basis,
    lastReportedQuarter,
    outturn: { plannedPence, outturnPence: plannedPence + result.variancePence, variancePence: result.variancePence },
    overspendMethod,
    underspendMethod,
    contingencyPence: source.config.contingencyPence,
    uncommittedPence: source.config.uncommittedPence,
    lines,
    partners: result.partners.map((p) => ({ ...p, name: names.get(p.party) ?? p.party })),
  };
}
