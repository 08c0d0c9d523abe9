// A partnership's years side by side (issue 15, item 6): for every financial year it holds a fund, the pooled planned
// total by funding stream and by partner, with the change from the year before in £ and % (one decimal). Streams are
// named by each year's own list; a stream renamed or folded into another between BCF years (2025/26 put the ICB
// discharge funding inside the NHS minimum contribution) lines up under its successor where the years' mapping says
// so, and the result says which were moved. Pure: the service gathers the rows, this adds them up in whole pence.

/** One partner's planned pence into one stream of one fund. */
export interface PlannedLine {
  financialYear: string;
  source: string;
  orgId: number;
  plannedPence: number;
}

/** A financial year the partnership holds at least one fund for, with the BCF year its funds use. */
export interface HeldYear {
  financialYear: string;
  bcfYear: string;
  bcfYearLabel: string;
  fundNames: string[];
}

export interface YearsInput {
  years: readonly HeldYear[];
  lines: readonly PlannedLine[];
  /** Each BCF year's streams (code -> name), in the year's order. */
  streamsByYear: Readonly<Record<string, readonly { code: string; name: string }[]>>;
  /** The catalogue's names, for a code a year's list no longer holds. */
  sourceNames: Readonly<Record<string, string>>;
  /** The mapping of one BCF year's stream codes to the next's (list 'funding_stream'). */
  mappings: readonly { fromYear: string; toYear: string; fromCode: string; toCode: string }[];
  orgNames: Readonly<Record<number, string>>;
}

/** A change from the year before: pence, and per mille of the year before (57 is 5.7%); null when it was £0. */
export interface YearChange {
  pence: number;
  perMille: number | null;
}

export interface YearsRow {
  key: string;
  name: string;
  /** Planned pence for each year of `years`, in order (0 when none). */
  byYear: number[];
  /** The change from the year before, for each year after the first (index 0 is always null). */
  changes: (YearChange | null)[];
  /** For a stream row: the earlier years' streams counted under it by the mapping ("Discharge fund (ICB), 2023-25"). */
  mappedFrom: string[];
}

export interface PartnershipYears {
  years: HeldYear[];
  streams: YearsRow[];
  partners: YearsRow[];
  total: YearsRow;
  /** One sentence per stream moved by the mapping, for the page to say so. */
  mappingNotes: string[];
}

/** Round a / b half away from zero, in BigInt so a product past 2^53 stays exact. */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (x * 2n + y) / (2n * y);
  return negative ? -q : q;
}

/** The change from `before` to `now`: pence, and per mille of `before` rounded half away from zero (null from £0). */
export function changeBetween(before: number, now: number): YearChange {
  const pence = now - before;
  return { pence, perMille: before === 0 ? null : Number(divideRounded(BigInt(pence) * 1000n, BigInt(before))) };
}

/** A per-mille change as a percentage with one decimal and its sign: 57 -> "+5.7%", -3 -> "-0.3%", none -> "—". */
export function perMilleText(perMille: number | null): string {
  if (perMille === null) return '—';
  const sign = perMille > 0 ? '+' : perMille < 0 ? '-' : '';
  const abs = Math.abs(perMille);
  return `${sign}${(abs - (abs % 10)) / 10}.${abs % 10}%`;
}

function rowOf(key: string, name: string, byYear: number[], mappedFrom: string[] = []): YearsRow {
  const changes = byYear.map((pence, i) => (i === 0 ? null : changeBetween(byYear[i - 1] ?? 0, pence)));
  return { key, name, byYear, changes, mappedFrom };
}

/** Where each year's stream codes land: the code of the latest year it reaches by the years' mappings (a code the
 * next year also holds keeps its code; one neither mapped nor held stops and keeps a row of its own). */
function landingCodes(input: YearsInput): { landing: (yearIndex: number, code: string) => string; moved: Map<string, Set<string>> } {
  const bcfYears = [...new Set(input.years.map((y) => y.bcfYear))];
  const held = (bcfYear: string, code: string) => (input.streamsByYear[bcfYear] ?? []).some((s) => s.code === code);
  const moved = new Map<string, Set<string>>();
  const nameIn = (bcfYear: string, code: string) =>
    (input.streamsByYear[bcfYear] ?? []).find((s) => s.code === code)?.name ?? input.sourceNames[code] ?? code;
  const landing = (yearIndex: number, code: string): string => {
    const start = bcfYears.indexOf(input.years[yearIndex]?.bcfYear ?? '');
    let current = code;
    for (let i = start; i >= 0 && i < bcfYears.length - 1; i += 1) {
      const [from, to] = [bcfYears[i] ?? '', bcfYears[i + 1] ?? ''];
      const mapped = input.mappings.find((m) => m.fromYear === from && m.toYear === to && m.fromCode === current)?.toCode;
      if (mapped !== undefined && mapped !== current) {
        const note = `${nameIn(from, current)} (${from})`;
        moved.set(mapped, (moved.get(mapped) ?? new Set()).add(note));
        current = mapped;
      } else if (!held(to, current)) {
        break;
      }
    }
    return current;
  };
  return { landing, moved };
}

/** The years side by side: streams in the latest year's order (then any older stream of its own), partners by name. */
export function partnershipYears(input: YearsInput): PartnershipYears {
  const years = [...input.years].sort((a, b) => a.financialYear.localeCompare(b.financialYear));
  const ordered = { ...input, years };
  const index = new Map(years.map((y, i) => [y.financialYear, i]));
  const { landing, moved } = landingCodes(ordered);
  const empty = () => years.map(() => 0);

  const byStream = new Map<string, number[]>();
  const byPartner = new Map<number, number[]>();
  const total = empty();
  for (const line of input.lines) {
    const i = index.get(line.financialYear);
    if (i === undefined) continue;
    const key = landing(i, line.source);
    const streamRow = byStream.get(key) ?? empty();
    const partnerRow = byPartner.get(line.orgId) ?? empty();
    streamRow[i] = (streamRow[i] ?? 0) + line.plannedPence;
    partnerRow[i] = (partnerRow[i] ?? 0) + line.plannedPence;
    total[i] = (total[i] ?? 0) + line.plannedPence;
    byStream.set(key, streamRow);
    byPartner.set(line.orgId, partnerRow);
  }

  // A stream is named by the latest year whose list holds it, and ordered by that list.
  const latestFirst = [...new Set(years.map((y) => y.bcfYear))].reverse();
  const placeOf = (code: string): [number, number, string] => {
    for (const [age, bcfYear] of latestFirst.entries()) {
      const list = input.streamsByYear[bcfYear] ?? [];
      const at = list.findIndex((s) => s.code === code);
      if (at >= 0) return [age, at, list[at]?.name ?? code];
    }
    return [latestFirst.length, 0, input.sourceNames[code] ?? code];
  };
  const streams = [...byStream.entries()]
    .map(([code, byYear]) => ({ code, byYear, place: placeOf(code) }))
    .sort((a, b) => a.place[0] - b.place[0] || a.place[1] - b.place[1] || a.code.localeCompare(b.code))
    .map(({ code, byYear, place }) => rowOf(code, place[2], byYear, [...(moved.get(code) ?? [])].sort()));

  const partners = [...byPartner.entries()]
    .map(([orgId, byYear]) => rowOf(String(orgId), input.orgNames[orgId] ?? `Organisation ${orgId}`, byYear))
    .sort((a, b) => a.name.localeCompare(b.name));

  const mappingNotes = streams
    .filter((s) => s.mappedFrom.length > 0)
    .map(
      (s) => `${s.mappedFrom.join(' and ')} ${s.mappedFrom.length > 1 ? 'are' : 'is'} shown under ${s.name}, as the years’ mapping says.`,
    );

  return { years, streams, partners, total: rowOf('total', 'Total pooled', total), mappingNotes };
}
