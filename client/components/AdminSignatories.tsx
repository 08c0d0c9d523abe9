// /admin, "Signatories" (issue "Sign-off and returns", item 2): who signs for what. Per organisation its chief executive
// and, for a council, its section 151 officer; per partnership the person who records its Health and Wellbeing Board's
// approval. Signing is a capability of an existing user, not a login of its own. Name one, or remove one after asking;
// a refusal is shown at its field in the server's words.
import { useState, type FormEvent } from 'react';
import { CAPACITIES, CAPACITY_LABELS, type Capacity } from '../../shared/schema/submission';
import type { Organisation, Partnership, User } from '../../shared/types';
import { useNotice, type WriteEvents } from '../hooks/useNotice';
import { useSignatories, useSignatoriesRefresh, useSignatoryWrites, type SignatoryView } from '../hooks/useSignatories';
import { apiError } from '../trpc';
import { errorsByField, LabelledField, TextField } from './AdminYearFields';
import { FormActions, FormGrid } from './FormGrid';
import { LoadError, Loading } from './Loading';
import { NoticeBanner } from './NoticeBanner';
import { ACTIONS, TableHead } from './SimpleTable';

interface Props {
  users: readonly User[];
  orgs: readonly Organisation[];
  partnerships: readonly Partnership[];
}

export function AdminSignatories({ users, orgs, partnerships }: Props) {
  const signatories = useSignatories();
  const refresh = useSignatoriesRefresh();
  const { notice, setNotice, events } = useNotice(refresh);
  const titleId = 'signatories-heading';

  return (
    <section aria-labelledby={titleId} className="admin-signatories">
      <h2 id={titleId}>Signatories</h2>
      <p className="muted">
        Who signs plans and returns for each organisation (its chief executive; for the council also its section 151 officer), and who
        records each Health and Wellbeing Board’s approval. Only the person named here can sign for their organisation.
      </p>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {signatories.error && <LoadError error={signatories.error} what="the signatories" />}
      {!signatories.data && !signatories.error && <Loading what="the signatories" />}
      {signatories.data && (
        <div className="admin-table-wrap">
          <table className="simple-table admin-signatories-table" aria-labelledby={titleId} data-testid="signatories">
            <TableHead columns={['Person', 'Email', 'Signs as', 'Organisation or partnership', 'Job title', ACTIONS]} />
            <tbody>
              {signatories.data.map((s) => (
                <SignatoryRow key={s.id} signatory={s} events={events} />
              ))}
              {signatories.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    Nobody is named yet: no plan or return can be signed until someone is.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <NameSignatoryForm users={users} orgs={orgs} partnerships={partnerships} events={events} />
    </section>
  );
}

/** "Chief executive of NHS Northbridge and Vale ICB", "Health and Wellbeing Board approval for Northbridge BCF". */
function describe(s: SignatoryView): string {
  return s.capacity === 'hwb_approval'
    ? `${CAPACITY_LABELS.hwb_approval} for ${s.partnershipName ?? 'a partnership'}`
    : `${CAPACITY_LABELS[s.capacity]} of ${s.orgName ?? 'an organisation'}`;
}

/** One naming, removed after "Remove … / Keep it" (a removal stops that person signing from then on). */
function SignatoryRow({ signatory: s, events }: { signatory: SignatoryView; events: WriteEvents }) {
  const { remove } = useSignatoryWrites();
  const [confirming, setConfirming] = useState(false);
  const which = `${s.userName} as ${describe(s)}`;

  const onRemove = async () => {
    try {
      await remove.mutateAsync({ id: s.id, version: s.version });
      await events.onDone(`Removed ${which}.`);
    } catch (error) {
      await events.onError(`${which} was not removed: ${apiError(error).message}`);
    }
    setConfirming(false);
  };

  return (
    <tr>
      <td>{s.userName}</td>
      <td>{s.userEmail}</td>
      <td>{CAPACITY_LABELS[s.capacity]}</td>
      <td>{s.capacity === 'hwb_approval' ? s.partnershipName : s.orgName}</td>
      <td>{s.jobTitle}</td>
      <td>
        {confirming ? (
          <span className="row-actions" role="group" aria-label={`Remove ${which}?`}>
            <button type="button" className="button-primary" onClick={() => void onRemove()} disabled={remove.isPending}>
              Remove {s.userName}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="link-button" aria-label={`Remove ${which}`} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

interface Draft {
  userId: string;
  capacity: Capacity;
  orgId: string;
  partnershipId: string;
  jobTitle: string;
}
const EMPTY: Draft = { userId: '', capacity: 'chief_executive', orgId: '', partnershipId: '', jobTitle: '' };

/** "Name a signatory": a person from the users, what they sign as, and for which organisation (or, for a board's
 * approval, which partnership). The choices not picked are sent as absent, so the server's rule decides. */
function NameSignatoryForm({ users, orgs, partnerships, events }: Props & { events: WriteEvents }) {
  const { create } = useSignatoryWrites();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const forBoard = draft.capacity === 'hwb_approval';
  const active = users.filter((u) => !u.disabled);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    const chosen = (text: string) => (text === '' ? undefined : Number(text));
    try {
      const userId = chosen(draft.userId);
      const orgId = forBoard ? undefined : chosen(draft.orgId);
      const partnershipId = forBoard ? chosen(draft.partnershipId) : undefined;
      if (userId === undefined) {
        setErrors({ userId: 'Person must be chosen from the users' });
        return;
      }
      await create.mutateAsync({
        userId,
        capacity: draft.capacity,
        ...(orgId === undefined ? {} : { orgId }),
        ...(partnershipId === undefined ? {} : { partnershipId }),
        jobTitle: draft.jobTitle.trim(),
      });
      const person = users.find((u) => u.id === userId)?.name ?? 'The person';
      setDraft(EMPTY);
      await events.onDone(`Named ${person} as ${CAPACITY_LABELS[draft.capacity].toLowerCase()}.`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setErrors(errorsByField(fieldErrors));
      await events.onError(`Nobody was named: ${fieldErrors.length ? 'see the fields marked below.' : message}`);
    }
  };

  return (
    <form className="form admin-form" aria-labelledby="name-signatory-heading" onSubmit={(e) => void submit(e)}>
      <h3 id="name-signatory-heading">Name a signatory</h3>
      <FormGrid>
        <LabelledField
          label="Person"
          error={errors.userId}
          hint="An existing user: signing is something they can do, not a new sign-in."
          box={(p) => (
            <select {...p} value={draft.userId} onChange={(e) => set({ userId: e.target.value })}>
              <option value="">Choose a person…</option>
              {active.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          )}
        />
        <LabelledField
          label="Signs as"
          error={errors.capacity}
          box={(p) => (
            <select {...p} value={draft.capacity} onChange={(e) => set({ capacity: e.target.value as Capacity })}>
              {CAPACITIES.map((c) => (
                <option key={c} value={c}>
                  {CAPACITY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        />
        {forBoard ? (
          <LabelledField
            label="Partnership"
            error={errors.partnershipId ?? errors.orgId}
            hint="The partnership whose board’s approval they record."
            box={(p) => (
              <select {...p} value={draft.partnershipId} onChange={(e) => set({ partnershipId: e.target.value })}>
                <option value="">Choose a partnership…</option>
                {partnerships.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          />
        ) : (
          <LabelledField
            label="Organisation"
            error={errors.orgId ?? errors.partnershipId}
            hint="The organisation they sign for."
            box={(p) => (
              <select {...p} value={draft.orgId} onChange={(e) => set({ orgId: e.target.value })}>
                <option value="">Choose an organisation…</option>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          />
        )}
        <TextField label="Job title" error={errors.jobTitle} value={draft.jobTitle} onChange={(text) => set({ jobTitle: text })} />
      </FormGrid>
      <FormActions>
        <button
          type="submit"
          className="button-primary"
          disabled={create.isPending}
          title={create.isPending ? 'Naming the signatory…' : undefined}
        >
          {create.isPending ? 'Naming…' : 'Name signatory'}
        </button>
      </FormActions>
    </form>
  );
}
