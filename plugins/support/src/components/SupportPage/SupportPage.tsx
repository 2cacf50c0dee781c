import { Content, ContentHeader } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Link as RouterLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useMe } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { MyRequests } from '../MyRequests';
import { NewRequestForm } from '../NewRequestForm';
import { RequestDetail } from '../RequestDetail';
import { SupportAnalytics } from '../SupportAnalytics';
import { TriageQueue } from '../TriageQueue';

/** `/support`: new request, my requests, triage queue and analytics (platform), request detail. */
export function SupportPage() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value: me } = useMe();
  const location = useLocation();
  const tabs = [
    ['new', t('tabs.new')],
    ['mine', t('tabs.mine')],
    ...(me?.triage ? [['triage', t('tabs.triage')], ['analytics', t('tabs.analytics')]] : []),
  ];
  const current = tabs.find(([p]) => location.pathname.includes(`/support/${p}`))?.[0] ?? false;
  return (
    <Content>
      <ContentHeader title={t('page.title')} description={t('page.subtitle')} />
      <Tabs value={current} indicatorColor="primary" style={{ marginBottom: 16 }}>
        {tabs.map(([p, label]) => (
          <Tab key={p} value={p} label={label} component={RouterLink} to={`/support/${p}${p === 'new' ? location.search : ''}`} />
        ))}
      </Tabs>
      <Routes>
        <Route path="/" element={<Navigate to={`new${location.search}`} replace />} />
        <Route path="new" element={<NewRequestForm />} />
        <Route path="mine" element={<MyRequests />} />
        <Route path="triage" element={<TriageQueue />} />
        <Route path="analytics" element={<SupportAnalytics />} />
        <Route path="requests/:id" element={<RequestDetail />} />
      </Routes>
    </Content>
  );
}
