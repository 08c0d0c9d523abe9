// The main pages of the app for the whole-page browser tests (the look and the reading of every page): the same nine
// pages of the demo partnership and its fund, so the two tests always cover the same ground.
export interface MainPage {
  name: string;
  url: string;
  /** Where a screenshot of the page starts (a heading), when not at its top. */
  shotFrom?: string;
}

/** `splits` is the query the Splits page opens with, beyond its fund (a scenario chosen, two compared). */
export function mainPages(partnershipId: number, fundId: number, splits = ''): MainPage[] {
  const p = `/partnerships/${partnershipId}`;
  return [
    { name: 'partnerships', url: '/partnerships' },
    { name: 'dashboard', url: `${p}?fund=${fundId}` },
    { name: 'contributions', url: `/funds/${fundId}/contributions` },
    { name: 'plan', url: `/funds/${fundId}/plan` },
    { name: 'outcomes', url: `/funds/${fundId}/outcomes` },
    { name: 'splits', url: `${p}/splits?fund=${fundId}${splits}` },
    { name: 'board-pack', url: `${p}/board-pack?fund=${fundId}` },
    { name: 'national', url: '/national' },
    { name: 'history', url: '/history' },
  ];
}
