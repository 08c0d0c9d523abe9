// One user in the admin table: who they are and what they may do, with their role and organisations editable in place,
// disable/enable, and a password reset (the new password is handed to the page to show once).
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role } from '../../shared/roles';
import type { UserUpdateInput } from '../../shared/schemas';
import type { Organisation, User } from '../../shared/types';
import type { WriteEvents } from '../hooks/useNotice';
import { useUserMutations } from '../hooks/useUsers';
import { apiError } from '../trpc';
import { AdminOrgCheckboxes, AdminRoleSelect } from './AdminFields';

/** What a row tells the page: a change done or refused (as every write does), and a new password to show once. */
export interface AdminRowEvents extends WriteEvents {
  onPassword: (email: string, password: string) => Promise<void>;
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id) => b.includes(id));

function AdminUserEditor({
  user,
  orgs,
  isSelf,
  onSave,
  onCancel,
  saving,
}: {
  user: User;
  orgs: readonly Organisation[];
  isSelf: boolean;
  onSave: (patch: UserUpdateInput['patch']) => void;
  onCancel: () => void;
  saving: boolean;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [orgIds, setOrgIds] = useState<number[]>(user.orgIds);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ ...(role !== user.role ? { role } : {}), ...(!sameSet(orgIds, user.orgIds) ? { orgIds } : {}) });
  };
  return (
    <form className="form admin-editor" aria-label={`Change ${user.name}`} onSubmit={submit}>
      <h3 className="small-heading">Role and organisations of {user.name}</h3>
      <AdminRoleSelect
        value={role}
        onChange={setRole}
        disabledReason={isSelf ? 'This is you: you cannot remove your own administrator role.' : null}
      />
      <AdminOrgCheckboxes orgs={orgs} value={orgIds} onChange={setOrgIds} />
      <div className="admin-actions">
        <button type="submit" disabled={saving}>
          Save changes<span className="visually-hidden"> to {user.name}</span>
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AdminUserRow({
  user,
  orgs,
  isSelf,
  events,
}: {
  user: User;
  orgs: readonly Organisation[];
  isSelf: boolean;
  events: AdminRowEvents;
}) {
  const { update, resetPassword: reset } = useUserMutations();
  const [editing, setEditing] = useState(false);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const editorId = `user-${user.id}-editor`;

  const save = async (patch: UserUpdateInput['patch'], done: string) => {
    if (Object.keys(patch).length === 0) {
      setEditing(false);
      return;
    }
    try {
      await update.mutateAsync({ id: user.id, version: user.version, patch });
      setEditing(false);
      await events.onDone(done);
    } catch (error) {
      await events.onError(apiError(error).message);
    }
  };

  const resetPassword = async () => {
    try {
      const { password } = await reset.mutateAsync({ id: user.id });
      await events.onPassword(user.email, password);
    } catch (error) {
      await events.onError(apiError(error).message);
    }
  };

  const busy = update.isPending || reset.isPending;
  return (
    <>
      <tr className={user.disabled ? 'admin-user-disabled' : undefined}>
        <th scope="row">
          {user.name}
          {isSelf && <span className="muted"> (you)</span>}
        </th>
        <td>{user.email}</td>
        <td>{ROLE_LABELS[user.role]}</td>
        <td>
          {user.orgIds.length ? user.orgIds.map((id) => orgName.get(id) ?? `#${id}`).join(', ') : <span className="muted">None</span>}
        </td>
        <td>{user.disabled ? <strong>Disabled</strong> : 'Active'}</td>
        <td>
          <div className="admin-actions">
            <button
              type="button"
              className="secondary-button"
              aria-expanded={editing}
              aria-controls={editing ? editorId : undefined}
              onClick={() => setEditing(!editing)}
            >
              Change role or organisations<span className="visually-hidden"> of {user.name}</span>
            </button>
            {isSelf ? (
              <span className="hint muted">You cannot disable yourself</span>
            ) : (
              <button
                type="button"
                className="secondary-button"
                disabled={busy}
                onClick={() => void save({ disabled: !user.disabled }, `${user.name} is now ${user.disabled ? 'enabled' : 'disabled'}.`)}
              >
                {user.disabled ? 'Enable' : 'Disable'}
                <span className="visually-hidden"> {user.name}</span>
              </button>
            )}
            <button type="button" className="secondary-button" disabled={busy} onClick={() => void resetPassword()}>
              Reset password<span className="visually-hidden"> of {user.name}</span>
            </button>
          </div>
        </td>
      </tr>
      {editing && (
        <tr id={editorId} className="admin-editor-row">
          <td colSpan={6}>
            <AdminUserEditor
              user={user}
              orgs={orgs}
              isSelf={isSelf}
              saving={update.isPending}
              onCancel={() => setEditing(false)}
              onSave={(patch) => void save(patch, `Saved the changes to ${user.name}.`)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
