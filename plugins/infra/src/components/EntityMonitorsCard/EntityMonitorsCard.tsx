import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { MonitorSummary } from '@internal/plugin-infra-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';
import { ExternalLink } from '../ExternalLink';
import { OverviewPartCard } from '../OverviewPartCard';
import { StatusLabel, type StatusSeverity } from '../StatusLabel';

type KnownState = 'alert' | 'warn' | 'ok' | 'noData';

/** Datadog's overall states, as the API spells them. */
const STATES: Record<string, { key: KnownState; severity: StatusSeverity; rank: number }> = {
  Alert: { key: 'alert', severity: 'error', rank: 0 },
  Warn: { key: 'warn', severity: 'warning', rank: 1 },
  'No Data': { key: 'noData', severity: 'unknown', rank: 2 },
  OK: { key: 'ok', severity: 'ok', rank: 4 },
};

function MonitorList(props: { monitors: MonitorSummary[] }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  if (props.monitors.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('monitors.empty')}
      </Typography>
    );
  }
  const rank = (m: MonitorSummary) => STATES[m.state]?.rank ?? 3;
  const monitors = [...props.monitors].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const count = (state: string) => format.number(props.monitors.filter(m => m.state === state).length);
  return (
    <>
      <Typography variant="body2" paragraph>
        {t('monitors.summary', {
          alert: count('Alert'),
          warn: count('Warn'),
          ok: count('OK'),
          noData: count('No Data'),
        })}
      </Typography>
      <List dense disablePadding aria-label={t('monitors.listLabel')}>
        {monitors.map(m => {
          const known = STATES[m.state];
          return (
            <ListItem key={m.id} disableGutters>
              <ListItemText
                primary={
                  <StatusLabel severity={known?.severity ?? 'unknown'}>
                    {known ? t(`monitors.state.${known.key}`) : m.state}
                  </StatusLabel>
                }
                secondary={<ExternalLink href={m.url}>{m.name}</ExternalLink>}
                secondaryTypographyProps={{ component: 'div' }}
              />
            </ListItem>
          );
        })}
      </List>
    </>
  );
}

/** Datadog: the monitors of the component's service, alerting ones first. */
export function EntityMonitorsCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <OverviewPartCard title={t('monitors.title')} source="datadog" select={o => o.monitors}>
      {monitors => <MonitorList monitors={monitors} />}
    </OverviewPartCard>
  );
}
