import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EntitySlo } from '@internal/plugin-slo-common';
import { Alert } from '@backstage/ui';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import { useFormatters } from '../../hooks/useFormatters';
import { useTimeToExhaustion } from '../../hooks/useTimeToExhaustion';
import { burnRate } from '../../lib/burnRates';
import { sloTranslationRef } from '../../translation';
import { AlertStateChip, PolicyChip } from '../StateChip';

const useStyles = makeStyles(theme => ({
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
  },
  stat: { margin: 0 },
  value: { margin: 0, fontWeight: 500 },
}));

/** One figure of the summary: its name above, its value below (a `dt`/`dd` pair). */
function Stat(props: { label: string; children: ReactNode; testId?: string }) {
  const classes = useStyles();
  return (
    <div className={classes.stat} data-testid={props.testId}>
      <Typography component="dt" variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography component="dd" variant="h6" className={classes.value}>
        {props.children}
      </Typography>
    </div>
  );
}

/** The service's SLO at a glance: SLI, target, budget and when it runs out, policy and alerts. */
export function SloSummary(props: { slo: EntitySlo }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const classes = useStyles();
  const format = useFormatters();
  const timeToExhaustion = useTimeToExhaustion();
  const { slo } = props;
  const noData = slo.noData;
  const countsUnknown = noData?.code === 'loading' || noData?.code === 'no-counts';

  return (
    <>
      {noData && (
        <Box mb={2}>
          <Alert
            status="warning"
            icon
            role="status"
            data-no-data={noData.code}
            title={t('noData.title')}
            description={t(`noData.${noData.code}`)}
          />
        </Box>
      )}
      <dl className={classes.stats}>
        <Stat label={t('summary.sli')} testId="slo-sli">
          {noData ? t('common.noData') : format.sli(slo.sli)}
        </Stat>
        <Stat label={t('summary.target')} testId="slo-target">
          {format.objective(slo.objective)}
        </Stat>
        <Stat label={t('summary.budgetRemaining')} testId="slo-budget">
          {noData ? t('common.none') : format.percent(slo.budget.remainingRatio)}
        </Stat>
        <Stat label={t('summary.exhaustion')} testId="slo-exhaustion">
          {noData ? t('common.none') : timeToExhaustion(slo.budget)}
        </Stat>
        <Stat label={t('summary.policy')}>
          <PolicyChip policy={slo.policy} />
        </Stat>
        <Stat label={t('summary.alertState')}>
          <AlertStateChip state={slo.alertState} />
        </Stat>
      </dl>
      <Box mt={2}>
        <Typography variant="body2" color="textSecondary">
          {t('summary.window', {
            window: t(`window.${slo.window}`),
            start: format.zoneDateTime(slo.windowStart),
            end: format.zoneDateTime(slo.windowEnd),
            zone: format.timeZone,
          })}
        </Typography>
        {/* Counts not read (still loading, or failed) are not zero requests: no figures then. */}
        {!countsUnknown && (
          <Typography variant="body2" color="textSecondary">
            {t('summary.requests', {
              bad: format.number(slo.bad),
              total: format.number(slo.total),
            })}{' '}
            ·{' '}
            {t('summary.budgetUsed', {
              consumed: format.number(slo.budget.consumedBad),
              allowed: format.number(Math.floor(slo.budget.allowedBad)),
            })}
          </Typography>
        )}
        {/* Without one request a burn rate is not 0×: it is not there. */}
        {!noData && (
          <Typography variant="body2" color="textSecondary">
            {t('summary.burnRates', {
              h1: format.burnRate(burnRate(slo.burnRates, '1h')),
              h6: format.burnRate(burnRate(slo.burnRates, '6h')),
              h24: format.burnRate(burnRate(slo.burnRates, '24h')),
            })}
          </Typography>
        )}
      </Box>
    </>
  );
}
