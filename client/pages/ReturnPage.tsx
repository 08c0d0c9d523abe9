// /funds/<id>/returns/<kind>: one quarterly or year-end return of a fund on its own page (issue "Sign-off and returns",
// item 4): the fund's header, then the return's answers, figures and downloads (ReturnPanel). The sign-off page links
// here; the panel is read-only once a version is sent, since the page then shows that version's figures.
import { SUBMISSION_KIND_LABELS } from '../../shared/schema/submission';
import type { ReturnKind } from '../../shared/returns';
import { FundPageHeader } from '../components/FundPageHeader';
import { LoadError, Loading } from '../components/Loading';
import { ReturnPanel } from '../components/ReturnPanel';
import { useFund } from '../hooks/useFund';

export function ReturnPage({ fundId, kind }: { fundId: number; kind: ReturnKind }) {
  const { fund, partnership } = useFund(fundId);
  if (fund.error) return <LoadError error={fund.error} what="the fund" />;
  if (!fund.data || !partnership.data) return <Loading what="the return" />;
  return (
    <section>
      <FundPageHeader
        title={SUBMISSION_KIND_LABELS[kind]}
        partnership={partnership.data}
        fund={fund.data}
        bcfYear={fund.data.bcfYear}
        current="sign-off"
      />
      <ReturnPanel fundId={fundId} kind={kind} readOnly={false} />
    </section>
  );
}
