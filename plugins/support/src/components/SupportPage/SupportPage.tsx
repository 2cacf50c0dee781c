import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { lazy, Suspense } from 'react';
import { Link as RouterLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useMe } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { MyRequests } from '../MyRequests';
import { NewRequestForm } from '../NewRequestForm';
import { RequestDetail } from '../RequestDetail';
import { TriageQueue } from '../TriageQueue';

// The analytics tab carries the charting library; only the platform team opens it, so it loads apart.
const SupportAnalytics = lazy(() => import('../SupportAnalytics').then(m => ({ default: m.SupportAnalytics })));

/** `/support`: new request, my requests, triage queue and analytics (platform), request detail. */
export function SupportPage() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value: me } = useMe();
  const location = useLocation();
  const tabs = [
    ['new', t('tabs.new')],
    ['mine', t('tabs.mine')],
    ...(me?.triage
      ? [
          ['triage', t('tabs.triage')],
          ['analytics', t('tabs.analytics')],
        ]
      : []),
  ];
  const current = tabs.find(([p]) => location.pathname.includes(`/support/${p}`))?.[0] ?? false;
  return (
    <Content>
      <ContentHeader title={t('page.title')} description={t('page.subtitle')} />
      <Tabs value={current} indicatorColor="primary" style={{ marginBottom: 16 }}>
        {tabs.map(([p, label]) => (
          <Tab
            key={p}
            value={p}
            label={label}
            component={RouterLink}
            to={`/support/${p}${p === 'new' ? location.search : ''}`}
          />
        ))}
      </Tabs>
      <Routes>
        <Route path="/" element={<Navigate to={`new${location.search}`} replace />} />
        <Route path="new" element={<NewRequestForm />} />
        <Route path="mine" element={<MyRequests />} />
        <Route path="triage" element={<TriageQueue />} />
        <Route
          path="analytics"
          element={
            <Suspense fallback={<Progress />}>
              <SupportAnalytics />
            </Suspense>
          }
        />
        <Route path="requests/:id" element={<RequestDetail />} />
      </Routes>
    </Content>
  );
}
