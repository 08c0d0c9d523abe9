// The two fields a user's access is made of, shared by the "Add a user" form and each user's editor: a role (with what
// it may do) and the organisations the user belongs to.
import { useId } from 'react';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../../shared/roles';
import type { Organisation } from '../../shared/types';

export function AdminRoleSelect({
  value,
  onChange,
  disabledReason,
}: {
  value: Role;
  onChange: (role: Role) => void;
  /** Why the role cannot be changed here (shown instead of being silently disabled), or null. */
  disabledReason?: string | null;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as Role)}
        aria-describedby={`${id}-hint`}
        disabled={Boolean(disabledReason)}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <span id={`${id}-hint`} className="hint muted">
        {disabledReason ?? ROLE_DESCRIPTIONS[value]}
      </span>
    </div>
  );
}

export function AdminOrgCheckboxes({
  orgs,
  value,
  onChange,
}: {
  orgs: readonly Organisation[];
  value: readonly number[];
  onChange: (orgIds: number[]) => void;
}) {
  const toggle = (id: number, checked: boolean) => onChange(checked ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset className="admin-orgs">
      <legend>Organisations</legend>
      <p className="hint muted">
        The user sees the partnerships these organisations belong to; a finance officer changes only these organisations&rsquo; figures.
      </p>
      {orgs.map((o) => (
        <label key={o.id} className="admin-check">
          <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} /> {o.name}
        </label>
      ))}
    </fieldset>
  );
}
