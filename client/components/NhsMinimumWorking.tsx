// The working of the NHS minimum contribution to adult social care under the plan settings (shared/nhs-minimum.ts):
// where the baseline comes from, the year's uplift, the exact product, the stated rounding, the override and what the
// checklist requires. Read-only: the form beside it holds what people type.
import { formatBasisPoints, formatPence } from '../../shared/money';
import { NHS_MINIMUM_ROUNDING, upliftFactorText, type NhsMinimumWorking } from '../../shared/nhs-minimum';

/** Where the baseline came from, in words. */
function baselineSource(working: NhsMinimumWorking): string {
  const from = working.baselineFrom;
  if (from === null) return `none yet: no ${working.baselineYear} fund of this partnership holds it, so type it`;
  if (from === 'typed') return 'typed in these settings (no fund of this partnership holds it)';
  return `the requirement of ${from.name} ${from.financialYear}`;
}

export function NhsMinimumWorkingView({ working, bcfYear }: { working: NhsMinimumWorking; bcfYear: string }) {
  if (working.upliftBp === null) return null;
  const rows: [string, string][] = [
    [`${working.baselineYear} baseline`, working.baselinePence === null ? '—' : formatPence(working.baselinePence)],
    ['Baseline from', baselineSource(working)],
    [`Uplift of BCF year ${bcfYear}`, `${formatBasisPoints(working.upliftBp)} (x ${upliftFactorText(working.upliftBp)})`],
    [
      'Worked out',
      working.workedPence === null || working.exactText === null
        ? '—'
        : `${formatPence(working.workedPence)} (exactly ${working.exactText}, ${NHS_MINIMUM_ROUNDING})`,
    ],
    [
      'Required by the checklist',
      working.requiredPence === null
        ? `Nothing yet: type the ${working.baselineYear} baseline`
        : `${formatPence(working.requiredPence)}${working.overridePence === null ? '' : ' (the override)'}`,
    ],
  ];
  return (
    <section className="nhs-minimum-working" aria-labelledby="nhs-minimum-working-title" data-testid="nhs-minimum-working">
      <h3 id="nhs-minimum-working-title">NHS minimum contribution to adult social care, worked out</h3>
      <dl className="plan-settings-list">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
