// The outcome schemas refuse bad input with the field named, the value quoted and the rule stated (design rule 5):
// metric definitions, outcome values, unit costs, evidence items and ROI adjustments.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  evidenceFigureProblems,
  evidenceItemCreateInput,
  evidenceItemUpdateInput,
  metricDefinitionCreateInput,
  metricDefinitionUpdateInput,
  outcomeValueUpsertInput,
  roiAdjustmentsInput,
  unitCostCreateInput,
  unitCostUpdateInput,
} from '../../shared/outcome-schemas';

interface Problem {
  path: string;
  message: string;
}

/** The problems a schema finds in a value (dotted path, message); fails if it passes. */
function problems(schema: z.ZodType, value: unknown): Problem[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be refused, but it was accepted`);
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The one problem with a value. */
function problem(schema: z.ZodType, value: unknown): Problem {
  const found = problems(schema, value);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error('no problem found');
  return first;
}

describe('metricDefinitionCreateInput', () => {
  const metric = { bcfYear: '2025/26', code: 'avoidable_admissions', name: 'Emergency admissions', unit: 'per_100000', polarity: 'lower' };

  it('accepts a metric, defaulting the data source and the lag', () => {
    expect(metricDefinitionCreateInput.parse(metric)).toEqual({ ...metric, dataSource: '', lagMonths: 0 });
    const full = { ...metric, dataSource: 'SUS, ONS mid-year estimates', lagMonths: 3 };
    expect(metricDefinitionCreateInput.parse(full)).toEqual(full);
  });

  it.each([
    ['bcfYear', '2025', "BCF year must be written like 2025/26 or 2023-25, got '2025'"],
    ['code', 'Avoidable Admissions', "Code must be 1 to 50 lower case letters, digits or _, got 'Avoidable Admissions'"],
    ['name', '', "Name must be text of 1 to 300 characters, got ''"],
    ['unit', 'rate', "Unit must be one of count, percent, per_100000, got 'rate'"],
    ['polarity', 'up', "Polarity must be one of lower, higher, got 'up'"],
    ['dataSource', 'x'.repeat(501), 'Data source must be text of at most 500 characters, got a text of 501 characters'],
    ['lagMonths', 37, 'Typical lag must be a whole number of months from 0 to 36, got 37'],
    ['lagMonths', 1.5, 'Typical lag must be a whole number of months from 0 to 36, got 1.5'],
  ])('refuses a bad %s (%s)', (field, value, message) => {
    expect(problem(metricDefinitionCreateInput, { ...metric, [field]: value })).toEqual({ path: field, message });
  });

  it('refuses an unknown field and a missing one', () => {
    expect(problem(metricDefinitionCreateInput, { ...metric, colour: 'red' }).message).toBe('Metric has unknown field(s): colour');
    expect(problem(metricDefinitionCreateInput, { ...metric, polarity: undefined })).toEqual({
      path: 'polarity',
      message: 'Polarity is required: it must be one of lower, higher',
    });
  });
});

describe('metricDefinitionUpdateInput', () => {
  it('accepts a patch of some fields, and refuses an empty one or a change of BCF year', () => {
    expect(metricDefinitionUpdateInput.parse({ id: 1, version: 2, patch: { lagMonths: 2 } }).patch).toEqual({ lagMonths: 2 });
    expect(problem(metricDefinitionUpdateInput, { id: 1, version: 2, patch: {} }).message).toBe('Patch must change at least one field');
    expect(problems(metricDefinitionUpdateInput, { id: 1, version: 2, patch: { bcfYear: '2023-25' } })).toEqual([
      { path: 'patch', message: 'Patch has unknown field(s): bcfYear' },
      { path: 'patch', message: 'Patch must change at least one field' },
    ]);
    expect(problem(metricDefinitionUpdateInput, { id: 1, version: 2, patch: { polarity: 'sideways' } }).path).toBe('patch.polarity');
  });
});

describe('outcomeValueUpsertInput', () => {
  const value = { fundId: 1, metricId: 3, quarter: 2 };

  it('accepts figures in hundredths, as counts, or null to clear them, for a fund or a scheme', () => {
    const full = {
      ...value,
      schemeId: 7,
      baseline: 52_010,
      target: { numerator: 922, denominator: 180_000 },
      actual: null,
      narrative: '  Winter pressures came early.\n',
    };
    expect(outcomeValueUpsertInput.parse(full)).toEqual(full);
    expect(outcomeValueUpsertInput.parse({ ...value, schemeId: null })).toEqual({ ...value, schemeId: null });
  });

  it.each([
    ['fundId', 0, 'Fund must be a whole number id of 1 or more, got 0'],
    ['schemeId', -1, 'Scheme must be a whole number id of 1 or more, got -1'],
    ['metricId', 'x', "Metric must be a whole number id of 1 or more, got 'x'"],
    ['quarter', 5, 'Quarter must be 1, 2, 3 or 4, got 5'],
    ['baseline', -1, 'Baseline must be a whole number of hundredths from 0 to 100000000000000 (12.34% is 1234), got -1'],
    [
      'actual',
      92.5,
      'Actual must be a whole number of hundredths from 0 to 100000000000000 (12.34% is 1234), or the { numerator, denominator } counts of a rate, or null, got 92.5',
    ],
    ['narrative', 'x'.repeat(4001), 'Narrative must be text of at most 4,000 characters, got a text of 4,001 characters'],
  ])('refuses a bad %s (%s)', (field, bad, message) => {
    expect(problem(outcomeValueUpsertInput, { ...value, [field]: bad })).toEqual({ path: field, message });
  });

  it('refuses bad counts, naming the numerator or the denominator', () => {
    expect(problem(outcomeValueUpsertInput, { ...value, target: { numerator: 5, denominator: 0 } })).toEqual({
      path: 'target.denominator',
      message: 'Target denominator must be a whole number from 1 to 1,000,000,000,000, got 0',
    });
    expect(problem(outcomeValueUpsertInput, { ...value, target: { numerator: -5, denominator: 10 } }).path).toBe('target.numerator');
  });
});

describe('unitCostCreateInput and unitCostUpdateInput', () => {
  const fall = { item: 'Fall admission (65+)', pence: 408_800, priceYear: '2022/23', source: 'North Tyneside JSNA, falls' };

  it('accepts a unit cost', () => {
    expect(unitCostCreateInput.parse(fall)).toEqual(fall);
  });

  it.each([
    ['pence', -400, 'Unit cost (£) must be a whole number of pence from 0 up to £100,000,000,000.00, got -400'],
    ['pence', 408_800.5, 'Unit cost (£) must be a whole number of pence from 0 up to £100,000,000,000.00, got 408800.5'],
    ['priceYear', '2022-23', "Price year must be written like 2025/26, got '2022-23'"],
    ['priceYear', '2022/24', "Price year must be two consecutive years, like 2022/23, got '2022/24'"],
    ['item', '', "Item must be text of 1 to 300 characters, got ''"],
    ['source', '   ', "Source must be text of 1 to 1,000 characters, got ''"], // trimmed first, as every text field is
  ])('refuses a bad %s (%s)', (field, bad, message) => {
    expect(problem(unitCostCreateInput, { ...fall, [field]: bad })).toEqual({ path: field, message });
  });

  it('refuses a negative unit cost in a patch, naming the field under the patch', () => {
    expect(problem(unitCostUpdateInput, { id: 1, version: 1, patch: { pence: -1 } }).path).toBe('patch.pence');
    expect(problem(unitCostUpdateInput, { id: 1, version: 1, patch: {} }).message).toBe('Patch must change at least one field');
  });
});

describe('evidenceItemCreateInput', () => {
  const poppFinal = {
    claim: 'Saved on emergency bed-days per £1 spent',
    valueKind: 'per_pound',
    value: 12_000,
    low: 8000,
    high: 16_000,
    publication: 'Windle et al., National evaluation of POPP: final report, PSSRU, 2009',
    url: 'https://www.pssru.ac.uk/',
  };

  it("accepts POPP's final figure with its range, and the interim figure with none", () => {
    expect(evidenceItemCreateInput.parse(poppFinal)).toEqual(poppFinal);
    const interim = { claim: 'Saved on emergency bed-days per £1', valueKind: 'per_pound', value: 7300, publication: 'DH, 2008' };
    expect(evidenceItemCreateInput.parse(interim)).toEqual({ ...interim, low: null, high: null, url: null });
  });

  it('refuses a range with low above high, naming the low value', () => {
    expect(problem(evidenceItemCreateInput, { ...poppFinal, low: 16_000, high: 8000 })).toEqual({
      path: 'low',
      message: 'Low value must be at most the high value (£0.80 per £1), got £1.60 per £1',
    });
  });

  it('refuses a value outside its range, written in the kind of value it is', () => {
    expect(problem(evidenceItemCreateInput, { ...poppFinal, value: 17_000 })).toEqual({
      path: 'value',
      message: 'Value must be from the low value to the high value (£0.80 per £1 to £1.60 per £1), got £1.70 per £1',
    });
    expect(problem(evidenceItemCreateInput, { ...poppFinal, valueKind: 'pence', value: 30_000, low: 35_000, high: 45_000 }).message).toBe(
      'Value must be from the low value to the high value (£350.00 to £450.00), got £300.00',
    );
  });

  it('refuses low without high', () => {
    expect(problem(evidenceItemCreateInput, { ...poppFinal, high: null })).toEqual({
      path: 'high',
      message: 'Low and high values must be given together (or both left empty), got low 8000 and high null',
    });
  });

  it('refuses a per-£1 figure above £1,000 per £1', () => {
    expect(problem(evidenceItemCreateInput, { ...poppFinal, value: 10_000_001, high: null, low: null }).path).toBe('value');
  });

  it.each([
    ['url', 'ftp://example.org/popp.pdf', "URL must be a web address starting with http:// or https://, got 'ftp://example.org/popp.pdf'"],
    ['url', 'javascript:alert(1)', "URL must be a web address starting with http:// or https://, got 'javascript:alert(1)'"],
    ['url', 'www.pssru.ac.uk', "URL must be a web address starting with http:// or https://, got 'www.pssru.ac.uk'"],
    ['valueKind', 'percent', "Value kind must be one of per_pound, pence, got 'percent'"],
    ['value', -1, 'Value must be a whole number from 0 to 10000000000000: basis points of £1 (7300 = £0.73 per £1) or pence, got -1'],
    ['low', 0.5, 'Low value must be a whole number from 0 to 10000000000000: basis points of £1 (7300 = £0.73 per £1) or pence, got 0.5'],
    ['claim', '', "Claim must be text of 1 to 1,000 characters, got ''"],
    ['publication', '', "Publication must be text of 1 to 500 characters, got ''"],
  ])('refuses a bad %s (%s)', (field, bad, message) => {
    expect(problem(evidenceItemCreateInput, { ...poppFinal, [field]: bad })).toEqual({ path: field, message });
  });
});

describe('evidenceItemUpdateInput', () => {
  it('checks the figures a patch holds together, under the patch', () => {
    expect(problem(evidenceItemUpdateInput, { id: 1, version: 1, patch: { low: 9000, high: 8000 } })).toEqual({
      path: 'patch.low',
      message: 'Low value must be at most the high value (8000), got 9000',
    });
    expect(evidenceItemUpdateInput.parse({ id: 1, version: 1, patch: { low: 7000 } }).patch).toEqual({ low: 7000 });
  });

  it('leaves the rest of the row to the service, which checks the row as it would be', () => {
    expect(evidenceFigureProblems({ valueKind: 'per_pound', value: 7300, low: 8000, high: 16_000 })).toEqual([
      { path: ['value'], message: 'Value must be from the low value to the high value (£0.80 per £1 to £1.60 per £1), got £0.73 per £1' },
    ]);
  });
});

describe('roiAdjustmentsInput', () => {
  it('accepts basis points from 0 to 10000', () => {
    expect(roiAdjustmentsInput.parse({ deadweightBp: 0, attributionBp: 10_000 })).toEqual({ deadweightBp: 0, attributionBp: 10_000 });
  });

  it.each([
    ['deadweightBp', 10_001, 'Deadweight'],
    ['attributionBp', -1, 'Credited to this scheme (%)'],
    ['optimismBiasBenefitBp', 12.5, 'Optimism bias (benefits)'],
    ['optimismBiasCostBp', 20_000, 'Optimism bias (costs)'],
    ['dropOffBp', '10%', 'Drop-off'],
  ])('refuses a percentage over 100%% or not whole basis points: %s %s', (field, bad, label) => {
    expect(problem(roiAdjustmentsInput, { [field]: bad })).toEqual({
      path: field,
      message: `${label} must be a whole number of basis points from 0 to 10000 (100%), got ${typeof bad === 'string' ? `'${bad}'` : bad}`,
    });
  });
});
