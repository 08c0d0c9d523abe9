// The board pack's "National conditions" section (issue "The BCF year as it is today", item 3): each condition of the
// fund's BCF year with the fund's answer and commentary, so a board sees what the plan assures and where it does not.
import type { BoardReport } from '../board-report';
import { answerWords, conditionLabel, isOpenCondition } from '../national-conditions';
import type { PackCell, PackSection } from './model';

const text = (value: string): PackCell => ({ kind: 'text', text: value });

/** "3 of 4 answered Yes, 1 No; none left unanswered." */
function tally(report: BoardReport): string {
  const { answers } = report.conditions;
  const count = (answer: 'yes' | 'no' | null) => answers.filter((c) => c.answer === answer).length;
  const open = answers.filter(isOpenCondition).length;
  const yes = count('yes');
  const no = count('no');
  return `${yes} of ${answers.length} answered Yes, ${no} No; ${open === 0 ? 'none left to answer' : `${open} still to answer or explain`}.`;
}

export function conditionsSection(report: BoardReport): Omit<PackSection, 'key' | 'title'> {
  const { bcfYear, answers } = report.conditions;
  return {
    paragraphs: [
      `The national conditions of BCF year ${bcfYear}, as the plan answers them. ${answers.length === 0 ? '' : tally(report)}`.trim(),
    ],
    table: {
      caption: 'National conditions and the plan’s answers',
      columns: [
        { header: 'Condition', width: 10 },
        { header: 'National condition', width: 50, prose: true },
        { header: 'Answer', width: 14 },
        { header: 'Commentary', width: 70, prose: true },
      ],
      rows: answers.map((c) => ({
        cells: [text(conditionLabel(c.code)), text(c.text), text(answerWords(c.answer)), text(c.commentary)],
      })),
      empty: `BCF year ${bcfYear} has no national conditions.`,
    },
    chart: null,
    notes: ['Each condition is confirmed Yes or No in the plan; a No needs commentary saying why and what will be done.'],
  };
}
