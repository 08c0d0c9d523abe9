// splits.*: modelling how a cost is split between partners. `allocate` is a pure calculation (shared/split.ts) that
// anyone signed in may run: it reads and writes nothing. `rules.*` are a partnership's named split rules: members read
// them; commissioners of the partnership and admins change them (the write path checks each row's partnership).
import { allocate } from '../../shared/split';
import { splitAllocateInput, splitRuleCreateInput, splitRuleDeleteInput, splitRuleUpdateInput } from '../../shared/split-schemas';
import { byPartnershipInput } from '../../shared/schemas';
import { createRule, deleteRule, listRules, updateRule } from '../services/split-rules';
import { asActor, ofPartnership, procedureFor, router } from '../trpc';

export const splitsRouter = router({
  allocate: procedureFor('split_rule', 'read')
    .input(splitAllocateInput)
    .query(({ input }) => allocate(input)),
  rules: router({
    list: procedureFor('split_rule', 'read', 'partnership').input(byPartnershipInput).query(ofPartnership(listRules)),
    create: procedureFor('split_rule', 'change', 'partnership').input(splitRuleCreateInput).mutation(asActor(createRule)),
    update: procedureFor('split_rule', 'change').input(splitRuleUpdateInput).mutation(asActor(updateRule)),
    delete: procedureFor('split_rule', 'change').input(splitRuleDeleteInput).mutation(asActor(deleteRule)),
  }),
});
