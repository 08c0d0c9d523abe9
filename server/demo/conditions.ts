// The demo's answers to the 2025/26 national conditions (ILLUSTRATIVE: a fictional borough's commentary, not any real
// area's): each Yes with a short line of the kind a plan gives. Written through the conditions service, as the system,
// so the answers pass the rules a person's do and the history shows them as the demo's.
import type { DB } from '../../db/connection';
import type { Actor } from '../../db/unit-of-work';
import { conditionAnswerInput } from '../../shared/schema/bcf-year';
import { answerCondition, listConditions } from '../services/conditions';

/** The commentary per condition code; a condition of the fund's year not listed here is answered with the fallback. */
const DEMO_COMMENTARY: Record<string, string> = {
  nc1: 'Illustrative: the plan was agreed by the ICB and the council and signed off at the Health and Wellbeing Board.',
  nc2: 'Illustrative: schemes are grouped under the two objectives, sickness to prevention and hospital to home.',
  nc3: 'Illustrative: the NHS minimum contribution to adult social care is maintained at the uplifted level.',
  nc4: 'Illustrative: the partnership attends the regional BCF support sessions and returns its quarterly reports.',
};
const FALLBACK = 'Illustrative demo answer.';

/** Answer every national condition of the fund's BCF year Yes, with illustrative commentary. */
export async function seedDemoConditions(db: DB, actor: Actor, fundId: number): Promise<void> {
  for (const condition of await listConditions(db, fundId)) {
    const input = conditionAnswerInput.parse({
      fundId,
      conditionCode: condition.code,
      answer: 'yes',
      commentary: DEMO_COMMENTARY[condition.code] ?? FALLBACK,
    });
    await answerCondition(db, actor, input);
  }
}
