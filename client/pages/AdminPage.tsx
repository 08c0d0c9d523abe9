// /admin: user management for administrators. Every account, its role, organisations and status; add a user (the
// generated password is shown once); change a user's role or organisations, disable or enable them, reset a password.
// Then who signs plans and returns for each organisation and board, the BCF years held (open a year, edit years, their
// streams and deadlines) and the reference lists of each year.
import { useState } from 'react';
import { useUser } from '../auth';
import { AdminBcfYears } from '../components/AdminBcfYears';
import { AdminPasswordBox } from '../components/AdminPasswordBox';
import { AdminSignatories } from '../components/AdminSignatories';
import { AdminUserForm } from '../components/AdminUserForm';
import { AdminUserRow, type AdminRowEvents } from '../components/AdminUserRow';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner } from '../components/NoticeBanner';
import { ReferenceDataEditor } from '../components/ReferenceDataEditor';
import { useNotice } from '../hooks/useNotice';
import { useUsers } from '../hooks/useUsers';
import { useOrganisations } from '../hooks/useOrganisations';
import { usePartnerships } from '../hooks/usePartnerships';
import { TableHead } from '../components/SimpleTable';

export function AdminPage() {
  const me = useUser();
  const { users, refresh } = useUsers();
  const orgs = useOrganisations();
  const partnerships = usePartnerships();
  const { notice, setNotice, events: written } = useNotice(refresh);
  const [shownPassword, setShownPassword] = useState<{ email: string; password: string } | null>(null);

  const events: AdminRowEvents = {
    ...written,
    onPassword: async (email, password) => {
      setNotice(null);
      setShownPassword({ email, password });
      await refresh();
    },
  };

  const onCreated = async (email: string, password: string | null) => {
    setNotice({ kind: 'info', text: `Added ${email}.` });
    if (password) setShownPassword({ email, password });
    await refresh();
  };

  if (users.error) return <LoadError error={users.error} what="the users" />;
  if (orgs.error) return <LoadError error={orgs.error} what="the organisations" />;
  if (partnerships.error) return <LoadError error={partnerships.error} what="the partnerships" />;
  if (!users.data || !orgs.data || !partnerships.data) return <Loading what="the users" />;

  return (
    <section>
      <h1>Administration</h1>
      <p className="muted">Who can sign in, and what each person may see and change.</p>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {shownPassword && <AdminPasswordBox {...shownPassword} onDone={() => setShownPassword(null)} />}

      <h2 id="users-heading">Users</h2>
      <div className="admin-table-wrap">
        <table className="simple-table admin-users" aria-labelledby="users-heading">
          <TableHead columns={['Name', 'Email', 'Role', 'Organisations', 'Status', 'Actions']} />
          <tbody>
            {users.data.map((u) => (
              <AdminUserRow key={u.id} user={u} orgs={orgs.data} isSelf={u.id === me.id} events={events} />
            ))}
          </tbody>
        </table>
      </div>

      <AdminUserForm orgs={orgs.data} onCreated={onCreated} onError={(text) => setNotice({ kind: 'error', text })} />
      <AdminSignatories users={users.data} orgs={orgs.data} partnerships={partnerships.data} />
      <AdminBcfYears />
      <ReferenceDataEditor />
    </section>
  );
}
