// The views of one fund, as tabs that are links (each view has its own URL).
import { Link } from '@tanstack/react-router';
import { PresenceBar } from '../live/PresenceBar';

/** The fund's views that are tabs. */
export type FundView = 'contributions' | 'plan' | 'outcomes' | 'sign-off';

export function FundTabs({ fundId, current }: { fundId: number; current: FundView }) {
  const tabs = [
    { key: 'contributions', label: 'Contributions (income)', to: '/funds/$fundId/contributions' },
    { key: 'plan', label: 'Plan (schemes and spend)', to: '/funds/$fundId/plan' },
    { key: 'outcomes', label: 'Outcomes and return', to: '/funds/$fundId/outcomes' },
    { key: 'sign-off', label: 'Sign-off', to: '/funds/$fundId/sign-off' },
  ] as const;
  return (
    <>
      <nav aria-label="Fund views" className="fund-tabs">
        {tabs.map((t) => (
          <Link key={t.key} to={t.to} params={{ fundId }} aria-current={t.key === current ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      <PresenceBar fundId={fundId} />
    </>
  );
}
