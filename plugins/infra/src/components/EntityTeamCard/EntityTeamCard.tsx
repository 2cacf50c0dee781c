import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { Freshness, SourceName, TeamServiceSummary, TeamSummary } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { DataTable, type DataTableColumn, LoadFailed, useFormatters } from '@internal/plugin-portal-react';
import { useTeamSummary } from '../../hooks/useTeamSummary';
import { infraTranslationRef } from '../../translation';
import { FreshnessChip } from '../FreshnessChip';
import { HealthChip } from '../HealthChip';
import { IncidentTable } from '../IncidentTable';
import { InfraCard } from '../InfraCard';
import { OnCallList } from '../OnCallList';
import { UnavailableNotice } from '../UnavailableNotice';

const SOURCES: SourceName[] = ['kubernetes', 'datadog', 'pagerduty'];

const hasData = (f: Freshness | undefined) => f?.state === 'fresh' || f?.state === 'stale';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mb={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function TeamContent(props: { summary: TeamSummary }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const { services, oncall, openIncidents, freshness } = props.summary;
  const pagerduty = freshness.pagerduty;

  const columns: DataTableColumn<TeamServiceSummary>[] = [
    {
      title: t('team.columns.service'),
      nowrap: true,
      render: s => <EntityRefLink entityRef={s.entityRef}>{s.title ?? s.name}</EntityRefLink>,
    },
    {
      title: t('team.columns.health'),
      render: s => <HealthChip health={s.health} />,
    },
    {
      title: t('team.columns.replicas'),
      nowrap: true,
      render: s =>
        s.desiredReplicas > 0 || s.readyReplicas > 0
          ? t('workloads.readyValue', {
              ready: format.number(s.readyReplicas),
              desired: format.number(s.desiredReplicas),
            })
          : t('common.none'),
    },
    {
      title: t('team.columns.problems'),
      // At least 7em wide: the figure columns' long headings must not squeeze it letter by letter.
      render: s => (
        <span style={{ display: 'inline-block', minWidth: '7em' }}>
          {s.problems.length
            ? format.list([...new Set(s.problems)].map(code => t(`problems.label.${code}`)))
            : t('common.none')}
        </span>
      ),
    },
    {
      title: t('team.columns.incidents'),
      numeric: true,
      render: s => format.number(s.openIncidents),
    },
    {
      title: t('team.columns.monitors'),
      numeric: true,
      render: s => format.number(s.alertingMonitors),
    },
  ];

  return (
    <>
      <Section title={t('team.services')}>
        <DataTable
          label={t('team.servicesTableLabel')}
          columns={columns}
          rows={services}
          rowKey={s => s.entityRef}
          empty={t('team.noServices')}
        />
      </Section>
      <Section title={t('team.oncall')}>
        {hasData(pagerduty) ? (
          <OnCallList entries={oncall} />
        ) : (
          <UnavailableNotice
            freshness={pagerduty}
            source={t('source.pagerduty')}
            notConfigured={t('team.notConfigured', {
              source: t('source.pagerduty'),
            })}
          />
        )}
      </Section>
      <Section title={t('team.incidents')}>
        {hasData(pagerduty) ? (
          <IncidentTable
            incidents={openIncidents}
            label={t('team.incidents')}
            empty={t('incidents.noneOpen')}
            showService
          />
        ) : (
          <UnavailableNotice
            freshness={pagerduty}
            source={t('source.pagerduty')}
            notConfigured={t('team.notConfigured', {
              source: t('source.pagerduty'),
            })}
          />
        )}
      </Section>
    </>
  );
}

/** A team (Group): its services with their health and problems, its on-call, its open incidents. */
export function EntityTeamCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  const { entity } = useEntity();
  const { value, error, retry } = useTeamSummary(entity);

  let body: ReactNode;
  if (value) body = <TeamContent summary={value} />;
  else if (error) body = <LoadFailed scope="card" error={error} onRetry={retry} />;
  else body = <Progress />;

  return (
    <InfraCard
      title={t('team.title')}
      chips={
        value
          ? SOURCES.filter(s => value.freshness[s]).map(s => (
              <FreshnessChip key={s} freshness={value.freshness[s]} source={t(`source.${s}`)} />
            ))
          : undefined
      }
    >
      {body}
    </InfraCard>
  );
}
