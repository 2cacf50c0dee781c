import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { UpstreamHealth } from '@internal/plugin-infra-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useInfraHealth } from '../../hooks/useInfraHealth';
import { infraTranslationRef } from '../../translation';

function StatusCell(props: { status: UpstreamHealth['status']; label: string }) {
  switch (props.status) {
    case 'healthy':
      return <StatusOK>{props.label}</StatusOK>;
    case 'degraded':
      return <StatusWarning>{props.label}</StatusWarning>;
    case 'down':
      return <StatusError>{props.label}</StatusError>;
    default:
      return <StatusPending>{props.label}</StatusPending>;
  }
}

/** Every upstream and cluster as the portal sees it: status, latency, breaker, cache. */
export function InfraHealthPage() {
  const { t } = useTranslationRef(infraTranslationRef);
  const { value, loading, error, retry } = useInfraHealth();
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);

  const columns: TableColumn<UpstreamHealth>[] = [
    { title: t('healthPage.columns.upstream'), field: 'name', highlight: true },
    {
      title: t('healthPage.columns.status'),
      render: u => <StatusCell status={u.status} label={t(`status.${u.status}`)} />,
    },
    {
      title: t('healthPage.columns.latency'),
      render: u =>
        u.lastLatencyMs === undefined
          ? t('healthPage.never')
          : t('healthPage.latencyValue', { ms: number.format(u.lastLatencyMs) }),
    },
    { title: t('healthPage.columns.breaker'), render: u => t(`breaker.${u.breaker}`) },
    { title: t('healthPage.columns.cache'), render: u => percent.format(u.cache.hitRatio) },
    {
      title: t('healthPage.columns.calls'),
      render: u => `${number.format(u.calls)} / ${number.format(u.failures)}`,
    },
    { title: t('healthPage.columns.lastError'), render: u => u.lastError ?? t('healthPage.never') },
  ];

  return (
    <Content>
      <ContentHeader title={t('healthPage.title')} description={t('healthPage.subtitle')}>
        <Button variant="outlined" onClick={retry} disabled={loading}>
          {t('healthPage.refresh')}
        </Button>
      </ContentHeader>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <Typography variant="body2" paragraph>
            {t('healthPage.overall', { status: t(`status.${value.status}`) })} ·{' '}
            {t('healthPage.checkedAt', {
              time: new Date(value.checkedAt).toLocaleTimeString(locale),
            })}
          </Typography>
          <Table<UpstreamHealth>
            options={{ paging: false, search: false, toolbar: false, padding: 'dense', draggable: false }}
            columns={columns}
            data={value.upstreams}
            emptyContent={<Typography>{t('healthPage.empty')}</Typography>}
          />
        </>
      )}
    </Content>
  );
}
