// orgs.*: the organisations that can join partnerships.
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { orgCreateInput } from '../../shared/schemas';
import { createOrganisation } from '../services/partnerships';
import { publicProcedure, router } from '../trpc';

export const orgsRouter = router({
  list: publicProcedure.query(({ ctx }) => listOrganisations(ctx.db)),
  create: publicProcedure.input(orgCreateInput).mutation(({ ctx, input }) => createOrganisation(ctx.db, ctx.actor, input)),
});
