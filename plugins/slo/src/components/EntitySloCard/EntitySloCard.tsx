import { Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
// FreshnessChip is the portal's one freshness badge, exported by the infra plugin for reuse.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FreshnessChip } from '@internal/plugin-infra';
import type { EntitySlo, PolicyState } from '@internal/plugin-slo-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEntitySlo } from '../../hooks/useEntitySloData';
import { useFormatters } from '../../hooks/useFormatters';
import { useTimeToExhaustion } from '../../hooks/useTimeToExhaustion';
import { sloTranslationRef } from '../../translation';
import { LoadFailed } from '@internal/plugin-portal-react';
import { SloCard } from '../SloCard';
import { AlertStateChip, PolicyChip } from '../StateChip';

const useStyles = makeStyles(theme => {
  const bar = (color: string) => ({ backgroundColor: color });
  return {
    bar: { height: 8, borderRadius: 4 },
    healthy: bar(theme.palette.success.main),
    'at-risk': bar(theme.palette.warning.main),
    exhausted: bar(theme.palette.error.main),
    'no-data': bar(theme.palette.text.disabled),
  };
});

function BudgetBar(props: { ratio: number; policy: PolicyState }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const classes = useStyles();
  const format = useFormatters();
  const percent = Math.round(Math.min(1, Math.max(0, props.ratio)) * 100);
  const label = t('card.budgetValue', { value: format.percent(props.ratio) });
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {label}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={t('card.budget')}
        aria-valuetext={label}
        className={classes.bar}
        classes={{ bar: classes[props.policy] ?? classes['at-risk'] }}
      />
    </Box>
  );
}

function CardBody(props: { slo: EntitySlo }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const timeToExhaustion = useTimeToExhaustion();
  const entityLink = useEntityRefLink();
  const { entity } = useEntity();
  const { slo } = props;
  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <Typography variant="h6" component="p">
        {slo.noData
          ? t('card.noData', { target: format.objective(slo.objective) })
          : t('card.sliVsTarget', {
              sli: format.sli(slo.sli),
              target: format.objective(slo.objective),
            })}
      </Typography>
      {slo.noData ? (
        <Typography variant="body2" color="textSecondary" data-no-data={slo.noData.code}>
          {t(`noData.${slo.noData.code}`)}
        </Typography>
      ) : (
        <>
          <BudgetBar ratio={slo.budget.remainingRatio} policy={slo.policy} />
          <Typography variant="body2" color="textSecondary">
            {t('summary.exhaustion')}: {timeToExhaustion(slo.budget)}
          </Typography>
        </>
      )}
      <Box display="flex" flexWrap="wrap" gridGap={16}>
        <Box display="flex" alignItems="center" gridGap={8}>
          <Typography variant="body2">{t('summary.policy')}</Typography>
          <PolicyChip policy={slo.policy} />
        </Box>
        <Box display="flex" alignItems="center" gridGap={8}>
          <Typography variant="body2">{t('summary.alertState')}</Typography>
          <AlertStateChip state={slo.alertState} />
        </Box>
      </Box>
      <Link to={`${entityLink(entity)}/slo`}>{t('card.details')}</Link>
    </Box>
  );
}

/** The entity overview's SLO card: SLI against target, budget bar, policy and alert state. */
export function EntitySloCard() {
  const { t } = useTranslationRef(sloTranslationRef);
  const { entity } = useEntity();
  const { value, error, retry } = useEntitySlo(entity);
  let body;
  if (value) body = <CardBody slo={value} />;
  else if (error) body = <LoadFailed error={error} onRetry={retry} notFound={t('common.noSlo')} />;
  else body = <Progress />;
  return (
    <SloCard
      title={t('card.title')}
      chips={value ? <FreshnessChip freshness={value.freshness} source={t('common.datadog')} /> : undefined}
    >
      {body}
    </SloCard>
  );
}
