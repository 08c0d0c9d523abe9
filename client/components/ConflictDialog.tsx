// Two people edited the same cell: the second save was refused (CONFLICT). Show whose value is there now and let the
// person choose to keep theirs (save again over it, knowingly) or take the other person's. Nothing is silently lost.
import { useEffect, useRef } from 'react';
import type { Contribution } from '../../shared/types';
import { FIELD_LABELS, type EditableField } from './ContributionsGrid';
import { formatValue, lookups } from './HistoryFormat';

export interface Conflict {
  field: EditableField;
  mine: unknown;
  current: Contribution;
}

interface Props {
  conflict: Conflict;
  partnerName: (id: number) => string;
  sourceName: (code: string) => string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

export function ConflictDialog({ conflict, partnerName, sourceName, onKeepMine, onTakeTheirs }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { field, mine, current } = conflict;
  const show = (value: unknown) => formatValue(field, value, lookups(partnerName, sourceName));
  const who = current.updatedByName ?? 'Someone else';
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-body"
        data-testid="conflict-dialog"
      >
        <h2 id="conflict-title">Someone else changed this while you were editing</h2>
        <div id="conflict-body">
          <p>
            <strong>{who}</strong> set <strong>{FIELD_LABELS[field]}</strong> for {partnerName(current.orgId)}, {sourceName(current.source)}
            , Q{current.quarter} to <strong data-testid="conflict-theirs">{show(current[field])}</strong> at{' '}
            {new Date(current.updatedAt).toLocaleString('en-GB')}.
          </p>
          <p>
            Your value, <strong data-testid="conflict-mine">{show(mine)}</strong>, has not been saved.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" ref={first} onClick={onTakeTheirs}>
            Take theirs ({show(current[field])})
          </button>
          <button type="button" className="secondary-button" onClick={onKeepMine}>
            Keep mine ({show(mine)})
          </button>
        </div>
      </div>
    </div>
  );
}
