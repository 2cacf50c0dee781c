import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { DeploySummary } from '@internal/plugin-infra-common';
import { DataTable, type DataTableColumn, useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';
import { ExternalLink } from '../ExternalLink';
import { OverviewPartCard } from '../OverviewPartCard';

function DeployTable(props: { deploys: DeploySummary[] }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const none = t('common.none');
  const columns: DataTableColumn<DeploySummary>[] = [
    {
      title: t('deploys.columns.when'),
      render: d => (
        <>
          {format.relative(d.at)}
          <br />
          <small>{format.dateTime(d.at)}</small>
        </>
      ),
    },
    { title: t('deploys.columns.version'), render: d => d.version ?? none },
    { title: t('deploys.columns.cluster'), render: d => d.cluster ?? none },
    {
      title: t('deploys.columns.event'),
      render: d => <ExternalLink href={d.url}>{d.title}</ExternalLink>,
    },
  ];
  const rows = [...props.deploys].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <DataTable
      label={t('deploys.tableLabel')}
      columns={columns}
      rows={rows}
      rowKey={d => d.id}
      empty={t('deploys.empty')}
    />
  );
}

/** Datadog events: the component's recent deploys, newest first, with time and version. */
export function EntityDeploysCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <OverviewPartCard title={t('deploys.title')} source="datadog" select={o => o.deploys}>
      {deploys => <DeployTable deploys={deploys} />}
    </OverviewPartCard>
  );
}
