// Writing a comment: plain text, a counter near the 10,000-character limit, and @mentions. Typing @ offers the people
// who can be mentioned on the fund, filtered as you type: Up and Down move through them, Enter or Tab chooses (their
// "@Name" goes into the text, their id into the mentions sent), Esc closes the list (a second Esc is the dialog's).
// The text box stays a plain textbox for assistive technology, pointing at the list (aria-controls) and at the person
// highlighted in it (aria-activedescendant); a polite status says how many people match. The server's refusal is shown
// at the field (it names the person who cannot be mentioned, the length over the limit).
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { COMMENT_MAX_LENGTH, type Mentionable, type PersonRef } from '../../../shared/schema/comment';
import { organisationsText } from './thread-marks';
import { filterMentionable, insertMention, lengthNote, mentionedIds, mentionQueryAt, type MentionQuery } from './mentions';

interface Props {
  /** The field's visible label ("Comment", "Reply", "Edit comment"). */
  label: string;
  submitLabel: string;
  people: readonly Mentionable[];
  initialText?: string;
  initialMentions?: readonly PersonRef[];
  /** The server's refusal of the last send, shown at the field. */
  error: string | null;
  busy: boolean;
  onSubmit: (body: string, mentionUserIds: number[]) => Promise<boolean>;
  onCancel?: () => void;
  /** Controls beside the send button ("Ask as a question"). */
  extra?: ReactNode;
  autoFocus?: boolean;
}

const MAX_OFFERED = 8;

export function CommentComposer(props: Props) {
  const { label, submitLabel, people, error, busy } = props;
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(props.initialText ?? '');
  const [chosen, setChosen] = useState<PersonRef[]>(() => [...(props.initialMentions ?? [])]);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);

  const offered = useMemo(() => (query ? filterMentionable(people, query.query).slice(0, MAX_OFFERED) : []), [people, query]);
  const open = query !== null && offered.length > 0 && closedAt !== query.start;
  const note = lengthNote(text.length, COMMENT_MAX_LENGTH);

  const readQuery = (value: string, caret: number) => {
    const found = mentionQueryAt(value, caret);
    // An @ already made into a chosen person's name ("@Cam Commissioner (demo) and…") is not being typed any more.
    const next = found && chosen.some((p) => found.query.startsWith(p.name)) ? null : found;
    setQuery(next);
    if (next?.start !== query?.start) setActive(0);
  };

  const choose = (person: Mentionable) => {
    const caret = box.current?.selectionStart ?? text.length;
    if (!query) return;
    const next = insertMention(text, query, caret, person.name);
    setText(next.text);
    setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, { id: person.id, name: person.name }]));
    setQuery(null);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    const chosenPerson = offered[active];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + offered.length) % offered.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosenPerson) {
      event.preventDefault();
      choose(chosenPerson);
    } else if (event.key === 'Escape') {
      // Closes the list only: the dialog around stays open.
      event.preventDefault();
      event.stopPropagation();
      setClosedAt(query?.start ?? null);
    }
  };

  const submit = async () => {
    if (busy) return;
    const sent = await props.onSubmit(text, mentionedIds(text, chosen));
    if (sent) {
      setText('');
      setChosen([]);
      setQuery(null);
    }
  };

  const listId = `${id}-people`;
  const optionId = (i: number) => `${id}-person-${i}`;
  const described = [`${id}-hint`, note ? `${id}-count` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-text`}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        Plain text. Type @ to mention someone who can see this partnership; Ctrl+Enter sends.
      </p>
      <div className="mention-field">
        <textarea
          id={`${id}-text`}
          ref={box}
          rows={4}
          value={text}
          autoFocus={props.autoFocus}
          aria-invalid={error || note?.over ? 'true' : undefined}
          aria-describedby={described}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? optionId(active) : undefined}
          onChange={(event) => {
            setText(event.target.value);
            readQuery(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => readQuery(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
              return;
            }
            onKeyDown(event);
          }}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list">
            {offered.map((person, i) => (
              <li
                key={person.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // A mouse press would take the focus from the text box before the click: keep it there.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
              >
                <span className="mention-name">{person.name}</span>{' '}
                <span className="muted">
                  {person.role}
                  {person.organisations.length > 0 ? ` · ${organisationsText(person.organisations)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {open ? `${offered.length} ${offered.length === 1 ? 'person matches' : 'people match'}: Up and Down to move, Enter to choose` : ''}
      </p>
      {note && (
        <p id={`${id}-count`} className={note.over ? 'field-error' : 'hint'}>
          {note.text}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer-actions">
        {props.extra}
        <button type="submit" className="button-primary" disabled={busy || text.trim() === ''}>
          {submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary-button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
