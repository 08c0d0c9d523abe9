// "Add a user": email, name, role and organisations. The server generates the password and returns it once.
import { useState, type FormEvent } from 'react';
import type { Role } from '../../shared/roles';
import type { Organisation } from '../../shared/types';
import { useUserMutations } from '../hooks/useUsers';
import { apiError } from '../trpc';
import { AdminOrgCheckboxes, AdminRoleSelect } from './AdminFields';
import { FormGrid } from './FormGrid';

export function AdminUserForm({
  orgs,
  onCreated,
  onError,
}: {
  orgs: readonly Organisation[];
  onCreated: (email: string, password: string | null) => Promise<void>;
  onError: (message: string) => void;
}) {
  const { create } = useUserMutations();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('finance_officer');
  const [orgIds, setOrgIds] = useState<number[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { user, password } = await create.mutateAsync({ email, name, role, orgIds });
      setEmail('');
      setName('');
      setOrgIds([]);
      await onCreated(user.email, password);
    } catch (error) {
      onError(apiError(error).message);
    }
  };

  return (
    <form className="form admin-form" aria-labelledby="add-user-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="add-user-heading">Add a user</h2>
      {/* Email, name and role on one grid row (label above each box); the organisations under them. */}
      <FormGrid>
        <label>
          Email
          <input type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Name
          <input type="text" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <AdminRoleSelect value={role} onChange={setRole} />
      </FormGrid>
      <AdminOrgCheckboxes orgs={orgs} value={orgIds} onChange={setOrgIds} />
      <p className="hint muted">A password is generated for the new user and shown to you once.</p>
      <button
        type="submit"
        className="button-primary"
        disabled={create.isPending}
        title={create.isPending ? 'Adding the user…' : undefined}
      >
        {create.isPending ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
