// "Export CSV" and "Export Excel": plain download links to the server's export routes (server/export.ts), which
// check the session like any API call. The browser shows the download's progress.
import './import-export.css';

export function ExportButtons({ fundId }: { fundId: number }) {
  const base = `/export/funds/${fundId}/contributions`;
  return (
    <span className="export-buttons" role="group" aria-label="Export the contributions">
      <a className="button-link" href={`${base}.csv`} download data-testid="export-csv">
        Export CSV
      </a>
      <a className="button-link" href={`${base}.xlsx`} download data-testid="export-xlsx">
        Export Excel
      </a>
    </span>
  );
}
