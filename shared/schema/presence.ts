// Presence (issue "Conversation on the figures", Live): the cell a person has selected on a fund's page, sent by
// their page through `presence.select` for the event stream (connection) it holds open.
import { z } from 'zod';
import { coded, id, strict } from './fields';

/** The connection id the stream's `hello` event gave: a random UUID. */
const connectionIdSchema = coded('Connection', /^[0-9a-f-]{36}$/, 'must be the connection id the event stream gave');
const entitySchema = coded('Cell entity', /^[a-z_]{1,40}$/, 'must be a table name of lower-case letters and _');
const fieldSchema = coded('Cell field', /^[A-Za-z0-9_.:-]{1,100}$/, 'must be a field name of letters, digits and . _ : -');

export const presenceCellSchema = strict({ entity: entitySchema, id: id('Cell row'), field: fieldSchema.nullable() }, 'Cell');

export const presenceSelectInput = strict({ connectionId: connectionIdSchema, cell: presenceCellSchema.nullable() }, 'Presence');
export type PresenceSelectInput = z.infer<typeof presenceSelectInput>;
