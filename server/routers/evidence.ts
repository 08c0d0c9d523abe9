// evidence.*: the evidence items every ROI figure cites (issue 7): claim, value, range, publication, web address.
// Everyone signed in reads them; commissioners and admins keep them.
import { evidenceItemCreateInput, evidenceItemUpdateInput } from '../../shared/outcome-schemas';
import { createEvidence, evidenceItems, updateEvidence } from '../services/roi';
import { asActor, procedureFor, router } from '../trpc';

export const evidenceRouter = router({
  list: procedureFor('evidence_item', 'read').query(({ ctx }) => evidenceItems(ctx.db)),
  create: procedureFor('evidence_item', 'change').input(evidenceItemCreateInput).mutation(asActor(createEvidence)),
  update: procedureFor('evidence_item', 'change').input(evidenceItemUpdateInput).mutation(asActor(updateEvidence)),
});
