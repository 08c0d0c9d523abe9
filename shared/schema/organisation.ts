// An organisation: a partner of a pooled fund (a council, an ICB, an NHS trust, a charity).
import type { z } from 'zod';
import { oneOf, strict, text } from './fields';
import { keysOf, type RowOf, type Versioned } from './shape';

export const SECTORS = ['social_care', 'health', 'education', 'housing', 'voluntary', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  social_care: 'Social care',
  health: 'Health',
  education: 'Education',
  housing: 'Housing',
  voluntary: 'Voluntary sector',
  other: 'Other',
};

const organisationFields = {
  name: text('Name', 1, 200),
  sector: oneOf('Sector', SECTORS),
  kind: text('Kind', 0, 100).nullable(),
  onsCode: text('ONS code', 0, 20).nullable(),
};

export const ORGANISATION_FIELDS = keysOf(organisationFields);

/** The stored fields of an organisation. */
export type OrganisationValues = RowOf<typeof organisationFields>;

/** An organisation as the API returns it. */
export interface Organisation extends OrganisationValues, Versioned {}

export const orgCreateInput = strict(
  {
    name: organisationFields.name,
    sector: organisationFields.sector,
    kind: organisationFields.kind.unwrap().optional(),
    onsCode: organisationFields.onsCode.unwrap().optional(),
  },
  'Organisation',
);
export type OrgCreateInput = z.infer<typeof orgCreateInput>;
