import { Content, ContentHeader, Link, Progress } from '@backstage/core-components';
import { useAppSearchParams, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
// FreshnessChip is the portal's one freshness badge, exported by the infra plugin for reuse.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FreshnessChip } from '@internal/plugin-infra';
import { teamRollups, type FleetRow, type TeamRollup } from '@internal/plugin-slo-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, type MouseEvent } from 'react';
import { useFleet } from '../../hooks/useFleet';
import { useFormatters } from '../../hooks/useFormatters';
import { distinctValues, filterFleet, sortFleet } from '../../lib/fleet';
import { DataTable, type DataTableColumn, LoadFailed, shortRef } from '@internal/plugin-portal-react';
import { sloTranslationRef } from '../../translation';
import { AlertStateChip, PolicyChip } from '../StateChip';

/** A native select (simple, accessible, keyboard-friendly) with an "all" choice first. */
function FilterSelect(props: {
  label: string;
  allLabel: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <TextField
      id={id}
      select
      variant="outlined"
      size="small"
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      style={{ minWidth: 220 }}
    >
      <option value="">{props.allLabel}</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Every service with an SLO, least budget remaining first (then fastest burn), filterable by
 * team and system; each links to its SLO tab. The filters live in the URL, so a team can share
 * its view.
 */
export function FleetDashboard() {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const entityLink = useEntityRefLink();
  const { value, loading, error, retry } = useFleet();
  const [params, setParams] = useAppSearchParams();
  const owner = params.get('owner') ?? '';
  const system = params.get('system') ?? '';

  const setFilter = (key: 'owner' | 'system', next: string) =>
    setParams(
      previous => {
        const updated = new URLSearchParams(previous);
        if (next) updated.set(key, next);
        else updated.delete(key);
        return updated;
      },
      { replace: true },
    );

  const all = value?.rows ?? [];
  const rows = sortFleet(
    filterFleet(all, {
      owner: owner || undefined,
      system: system || undefined,
    }),
  );
  const owners = distinctValues(all, r => r.owner);
  // Team rollups follow the system filter, not the team filter (they are how you pick a team).
  const rollups = teamRollups(filterFleet(all, { system: system || undefined }));
  const teamColumns: DataTableColumn<TeamRollup>[] = [
    {
      title: t('fleet.teams.columns.team'),
      render: r =>
        r.owner ? (
          <Link
            to={`?${new URLSearchParams({ ...(system ? { system } : {}), owner: r.owner })}`}
            onClick={(e: MouseEvent) => {
              e.preventDefault();
              setFilter('owner', r.owner!);
            }}
          >
            {shortRef(r.owner, 'group')}
          </Link>
        ) : (
          t('fleet.teams.noOwner')
        ),
    },
    { title: t('fleet.teams.columns.services'), numeric: true, render: r => format.number(r.services) },
    { title: t('fleet.teams.columns.healthy'), numeric: true, render: r => format.number(r.healthy) },
    { title: t('fleet.teams.columns.atRisk'), numeric: true, render: r => format.number(r.atRisk) },
    { title: t('fleet.teams.columns.exhausted'), numeric: true, render: r => format.number(r.exhausted) },
    { title: t('fleet.teams.columns.noData'), numeric: true, render: r => format.number(r.noData) },
    {
      title: t('fleet.teams.columns.alerts'),
      numeric: true,
      render: r => `${format.number(r.paging)} / ${format.number(r.ticketing)}`,
    },
    {
      title: t('fleet.teams.columns.worst'),
      render: r =>
        r.worstNoData
          ? t('fleet.teams.worstNoData', { service: r.worstService })
          : t('fleet.teams.worstValue', {
              budget: format.percent(r.worstBudgetRemainingRatio),
              service: r.worstService,
            }),
    },
  ];
  const systems = distinctValues(all, r => r.system);
  const none = t('common.none');

  const columns: DataTableColumn<FleetRow>[] = [
    {
      title: t('fleet.columns.service'),
      render: r => <Link to={`${entityLink(r.entityRef)}/slo`}>{r.name}</Link>,
    },
    {
      title: t('fleet.columns.team'),
      render: r => (r.owner ? shortRef(r.owner, 'group') : none),
    },
    {
      title: t('fleet.columns.system'),
      render: r => (r.system ? shortRef(r.system, 'system') : none),
    },
    {
      title: t('fleet.columns.sli'),
      numeric: true,
      render: r =>
        r.noData ? (
          <span title={t(`noData.${r.noData.code}`)} data-no-data={r.noData.code}>
            {t('common.noData')}
          </span>
        ) : (
          format.sli(r.sli)
        ),
    },
    {
      title: t('fleet.columns.target'),
      numeric: true,
      render: r => format.objective(r.objective),
    },
    {
      title: t('fleet.columns.budget'),
      numeric: true,
      render: r => (r.noData ? t('common.none') : format.percent(r.budgetRemainingRatio)),
    },
    {
      title: t('fleet.columns.burn'),
      numeric: true,
      render: r => (r.noData ? t('common.none') : format.burnRate(r.burnRate1h)),
    },
    {
      title: t('fleet.columns.alert'),
      render: r => <AlertStateChip state={r.alertState} />,
    },
    {
      title: t('fleet.columns.policy'),
      render: r => <PolicyChip policy={r.policy} />,
    },
  ];

  return (
    <Content>
      <ContentHeader description={t('fleet.description')}>
        <Button variant="outlined" onClick={retry} disabled={loading}>
          {t('common.refresh')}
        </Button>
      </ContentHeader>
      {!value && !error && <Progress />}
      {error && <LoadFailed error={error} onRetry={retry} notFound={t('common.noSlo')} />}
      {value && (
        <>
          <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16} mb={2}>
            <FilterSelect
              label={t('fleet.team')}
              allLabel={t('fleet.allTeams')}
              value={owner}
              options={owners.map(o => ({
                value: o,
                label: shortRef(o, 'group'),
              }))}
              onChange={next => setFilter('owner', next)}
            />
            <FilterSelect
              label={t('fleet.system')}
              allLabel={t('fleet.allSystems')}
              value={system}
              options={systems.map(s => ({
                value: s,
                label: shortRef(s, 'system'),
              }))}
              onChange={next => setFilter('system', next)}
            />
            <Typography variant="body2" color="textSecondary">
              {t('fleet.count', {
                shown: format.number(rows.length),
                total: format.number(all.length),
              })}{' '}
              ·{' '}
              {t('fleet.generatedAt', {
                time: format.dateTime(value.generatedAt),
              })}
            </Typography>
            <FreshnessChip freshness={value.freshness} source={t('common.datadog')} />
          </Box>
          {rollups.length > 0 && (
            <>
              <Typography variant="h6" component="h2" gutterBottom>
                {t('fleet.teams.title')}
              </Typography>
              <Box mb={3}>
                <DataTable
                  label={t('fleet.teams.tableLabel')}
                  columns={teamColumns}
                  rows={rollups}
                  rowKey={r => r.owner ?? ''}
                  empty={t('fleet.empty')}
                />
              </Box>
            </>
          )}
          <Typography variant="h6" component="h2" gutterBottom>
            {t('fleet.servicesTitle')}
          </Typography>
          <DataTable
            label={t('fleet.tableLabel')}
            columns={columns}
            rows={rows}
            rowKey={r => r.entityRef}
            empty={all.length === 0 ? t('fleet.empty') : t('fleet.emptyFiltered')}
          />
        </>
      )}
    </Content>
  );
}
