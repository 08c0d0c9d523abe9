// orgs.*: the organisations that can join partnerships. Anyone signed in reads them; admins add them.
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { orgCreateInput } from '../../shared/schemas';
import { createOrganisation } from '../services/partnerships';
import { adminProcedure, authedProcedure, router } from '../trpc';

export const orgsRouter = router({
  list: authedProcedure.query(({ ctx }) => listOrganisations(ctx.db)),
  create: adminProcedure.input(orgCreateInput).mutation(({ ctx, input }) => createOrganisation(ctx.db, ctx.actor, input)),
});
