// What a page shows while its data loads or when loading failed.
import { apiError } from '../trpc';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function LoadError({ error, what }: { error: unknown; what: string }) {
  const { code, message } = apiError(error);
  return (
    <div className="banner banner-error" role="alert">
      <strong>Could not load {what}.</strong> {code === 'NOT_FOUND' ? 'It does not exist, or it has been removed.' : message}
    </div>
  );
}

export function DemoBanner() {
  return (
    <p className="banner banner-demo" role="note">
      <strong>Demo data:</strong> illustrative, fictional organisations and amounts, not real figures.
    </p>
  );
}
