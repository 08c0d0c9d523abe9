// /admin: user management for administrators (to be built).
export function AdminPage() {
  return (
    <section>
      <h1>Administration</h1>
    </section>
  );
}
