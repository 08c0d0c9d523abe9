// orgs.*: the organisations that can join partnerships. Anyone signed in reads them; admins add them.
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { orgCreateInput } from '../../shared/schemas';
import { createOrganisation } from '../services/partnerships';
import { asActor, procedureFor, router } from '../trpc';

export const orgsRouter = router({
  list: procedureFor('organisation', 'read').query(({ ctx }) => listOrganisations(ctx.db)),
  create: procedureFor('organisation', 'change').input(orgCreateInput).mutation(asActor(createOrganisation)),
});
