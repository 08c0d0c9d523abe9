// A fund's answers to its year's national conditions: the one write (conditions.answer). The conditions themselves
// come with the plan (schemes.plan), so after an answer the plan is refreshed and the checklist follows.
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useConditionWrites() {
  const trpc = useTRPC();
  const answer = useMutation(trpc.conditions.answer.mutationOptions());
  return { answer };
}
