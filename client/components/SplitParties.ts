// The parties a split may name on the Splits page: the sectors, then the partnership's member organisations as org:<id>.
import { SECTOR_LABELS, SECTORS } from '../../shared/schema/organisation';

export interface PartyOption {
  value: string;
  label: string;
}

export function partyOptions(members: readonly { id: number; name: string }[]): PartyOption[] {
  return [
    ...SECTORS.map((s) => ({ value: s as string, label: SECTOR_LABELS[s] })),
    ...members.map((o) => ({ value: `org:${o.id}`, label: o.name })),
  ];
}

/** A readable name for a party: the sector's label or the organisation's name (the code itself when unknown). */
export function partyLabel(party: string, options: readonly PartyOption[]): string {
  return options.find((o) => o.value === party)?.label ?? party;
}
