// conditions.*: a fund's answers to the national conditions of its BCF year. Members of the fund's partnership read
// them; admins, finance officers and commissioners answer them (board members read only: shared/permissions.ts).
import { byFundInput } from '../../shared/schemas';
import { conditionAnswerInput } from '../../shared/schema/bcf-year';
import { answerCondition, listConditions } from '../services/conditions';
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const conditionsRouter = router({
  list: procedureFor('condition_answer', 'read', 'fund').input(byFundInput).query(ofFund(listConditions)),
  answer: procedureFor('condition_answer', 'change', 'fund').input(conditionAnswerInput).mutation(asActor(answerCondition)),
});
