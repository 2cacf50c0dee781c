import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { infraTranslationRef } from '../../translation';
import { OnCallList } from '../OnCallList';
import { OverviewPartCard } from '../OverviewPartCard';

/** PagerDuty: who is on call for the component, by escalation level. */
export function EntityOnCallCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <OverviewPartCard title={t('oncall.title')} source="pagerduty" select={o => o.oncall}>
      {entries => <OnCallList entries={entries} />}
    </OverviewPartCard>
  );
}
