// /history: recent changes in a partnership, with filters (to be built).
export function HistoryPage() {
  return (
    <section>
      <h1>History</h1>
    </section>
  );
}
