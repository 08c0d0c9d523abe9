// A quarterly or year-end return as the sign-off page shows it (issue "Sign-off and returns", item 4): its answers
// (conditions still met, each metric's narrative), its spend against the planned profile, and its exports.
// Placeholder: the return builder's page part replaces it.
import type { SubmissionKind } from '../../shared/schema/submission';

export interface ReturnPanelProps {
  fundId: number;
  kind: Exclude<SubmissionKind, 'plan'>;
  /** True when the return's answers cannot be changed (sent, approved, or the caller only reads). */
  readOnly: boolean;
}

export function ReturnPanel({ kind }: ReturnPanelProps) {
  return <p>The {kind} return’s figures will show here.</p>;
}
