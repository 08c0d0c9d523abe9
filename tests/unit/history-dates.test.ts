// The history page's dates (issue 22 item 3): a change's time and a timestamp field read dd/mm/yyyy hh:mm in UK time,
// a day filter starts at UK midnight, and the link keeps only real days as yyyy-mm-dd.
import { describe, expect, it } from 'vitest';
import { formatValue, formatWhen, localDayStart, lookups } from '../../client/components/HistoryFormat';
import { historySearch } from '../../client/search-params';

const look = lookups(
  (id) => `Org ${id}`,
  (code) => code,
);

describe("history's dates", () => {
  it('shows when a change was made as 05/12/2026 14:03 in UK time (summer: an hour ahead of UTC)', () => {
    expect(formatWhen('2026-12-05T14:03:00.000Z')).toBe('05/12/2026 14:03');
    expect(formatWhen('2026-07-01T08:15:00.000Z')).toBe('01/07/2026 09:15');
  });

  it('shows a timestamp field (password set) the same way, not as ISO text', () => {
    expect(formatValue('passwordSetAt', '2026-12-05T14:03:00.000Z', look)).toBe('05/12/2026 14:03');
  });

  it('filters from the UK day, not the browser’s', () => {
    expect(localDayStart('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(localDayStart('2026-12-05', 1)).toBe('2026-12-06T00:00:00.000Z');
  });

  it('keeps real days from the link and drops impossible or non-ISO ones', () => {
    expect(historySearch.parse({ from: '2026-12-05', to: '2026-12-31' })).toMatchObject({ from: '2026-12-05', to: '2026-12-31' });
    expect(historySearch.parse({ from: '2026-02-31', to: '05/12/2026' })).toMatchObject({ from: undefined, to: undefined });
  });
});
