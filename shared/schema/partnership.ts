// A partnership: the organisations that pool a budget under one arrangement (a Section 75 agreement and the like).
import { z } from 'zod';
import { id, NOTE_MAX_LENGTH, oneOf, rule, strict, text } from './fields';
import { keysOf, type RowOf, type Versioned } from './shape';

export const ARRANGEMENTS = ['pooled_fund', 'aligned_budget', 'lead_commissioning', 'integrated_provision'] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];
export const ARRANGEMENT_LABELS: Record<Arrangement, string> = {
  pooled_fund: 'Pooled fund (s75)',
  aligned_budget: 'Aligned budget',
  lead_commissioning: 'Lead commissioning',
  integrated_provision: 'Integrated provision',
};

const partnershipFields = {
  name: text('Name', 1, 200),
  area: text('Area', 0, 200).nullable(),
  arrangement: oneOf('Arrangement', ARRANGEMENTS),
  hostOrgId: id('Host organisation').nullable(),
  notes: text('Notes', 0, NOTE_MAX_LENGTH).nullable(),
};

export const PARTNERSHIP_FIELDS = keysOf(partnershipFields);

/** The stored fields of a partnership. */
export type PartnershipValues = RowOf<typeof partnershipFields>;

/** A partnership as the API returns it, with its members. */
export interface Partnership extends PartnershipValues, Versioned {
  isDemo: boolean;
  memberOrgIds: number[];
}

export const partnershipCreateInput = strict(
  {
    name: partnershipFields.name,
    area: partnershipFields.area.unwrap().optional(),
    arrangement: partnershipFields.arrangement,
    hostOrgId: partnershipFields.hostOrgId.unwrap().optional(),
    memberOrgIds: z
      .array(id('Member organisation'), rule('Members', 'must be a list of organisation ids'))
      .min(1, rule('Members', 'must name at least one organisation'))
      .max(100, rule('Members', 'must name at most 100 organisations')),
    notes: partnershipFields.notes.unwrap().optional(),
  },
  'Partnership',
);
export type PartnershipCreateInput = z.infer<typeof partnershipCreateInput>;

export const byPartnershipInput = strict({ partnershipId: id('Partnership') }, 'Input');
/** The partnership a call is about, read by the base procedures that check the caller may see it. */
export const partnershipRef = z.object({ partnershipId: id('Partnership') });
