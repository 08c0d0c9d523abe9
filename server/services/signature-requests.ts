// A submission sent for sign-off tells each person named to sign it (issue "Conversation on the figures": "a
// submission awaiting your signature"), in the transaction of the send, so the notice exists exactly when the send
// does. Only people who can see the fund's partnership are told; the sender is never told of their own send.
import { notify } from '../../db/repositories/notification.repository';
import type { Tx } from '../../db/unit-of-work';
import type { SubmissionRefInput } from '../../shared/schema/submission';
import { kindInSentence } from '../../shared/submission';
import { audienceOf } from './comment-audience';
import { fundFacts, getSubmission } from './submission-view';

export async function tellSignatories(tx: Tx, senderId: number | null, ref: SubmissionRefInput, at: string): Promise<void> {
  const fund = await fundFacts(tx, ref.fundId);
  const submission = await getSubmission(tx, ref);
  const may = new Set((await audienceOf(tx, { fundId: fund.id, partnershipId: fund.partnershipId, scenarioId: null })).map((p) => p.id));
  const sender = senderId === null ? null : await tx.selectFrom('appUser').select('name').where('id', '=', senderId).executeTakeFirst();
  const who = sender?.name ?? 'Someone';
  const what = `the ${kindInSentence(ref.kind)} of ${fund.name} (version ${submission.round})`;
  // One notice a person, naming every place they sign in (a host's chief executive may also be its section 151 officer).
  const placesOf = new Map<number, string[]>();
  for (const slot of submission.signatures) {
    for (const person of slot.signatories) {
      if (may.has(person.userId)) placesOf.set(person.userId, [...(placesOf.get(person.userId) ?? []), slot.label]);
    }
  }
  const items = [...placesOf].map(([userId, places]) => ({
    userId,
    kind: 'signature_requested' as const,
    partnershipId: fund.partnershipId,
    fundId: fund.id,
    actorId: senderId,
    text: `${who} sent ${what} for sign-off: your signature is needed as ${places.join(' and as ')}`,
    link: `/funds/${fund.id}/sign-off`,
  }));
  await notify(tx, items, at);
}
