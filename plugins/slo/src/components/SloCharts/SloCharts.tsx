import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { DailySli } from '@internal/plugin-slo-common';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '../../hooks/useFormatters';
import { budgetDomain, sliDomain } from '../../lib/chart';
import { toRatio } from '../../lib/format';
import { sloTranslationRef } from '../../translation';
import { LineChart, type ChartPoint } from './LineChart';

function NoDays() {
  const { t } = useTranslationRef(sloTranslationRef);
  return (
    <Typography variant="body2" color="textSecondary">
      {t('charts.empty')}
    </Typography>
  );
}

/**
 * The remaining error budget at the end of each day of the window, with corrected days shaded.
 * Without one request in the window there is no budget to draw (never a flat 100 %).
 */
export function BudgetBurnDownChart(props: { days: DailySli[] }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const { days } = props;
  if (days.every(d => d.total === 0)) return <NoDays />;

  const points: ChartPoint[] = days.map(d => {
    const label = t('charts.budgetPoint', {
      day: format.day(d.date),
      value: format.percent(d.budgetRemainingRatio),
    });
    return {
      key: d.date,
      value: d.budgetRemainingRatio,
      corrected: d.corrected,
      bad: d.budgetRemainingRatio <= 0,
      label: d.corrected ? t('charts.correctedPoint', { point: label }) : label,
    };
  });
  const domain = budgetDomain(days.map(d => d.budgetRemainingRatio));
  const tickValues = [...new Set([domain[0], 0, 0.5, 1, domain[1]])];
  const first = days[0];
  const last = days[days.length - 1];

  return (
    <LineChart
      title={t('charts.burnDownTitle')}
      description={t('charts.burnDownDescription', {
        first: format.day(first.date),
        last: format.day(last.date),
        start: format.percent(first.budgetRemainingRatio),
        end: format.percent(last.budgetRemainingRatio),
      })}
      points={points}
      domain={domain}
      ticks={tickValues.map(v => ({ value: v, label: format.percent(v) }))}
      lines={[{ value: 0, label: t('charts.exhausted'), tone: 'danger' }]}
      firstLabel={format.shortDay(first.date)}
      lastLabel={format.shortDay(last.date)}
      correctedLabel={t('charts.corrected')}
    />
  );
}

/**
 * The SLI of each day of the window against the objective, with corrected days shaded. Days
 * without a request have no SLI and are left out (never drawn at 100 %).
 */
export function DailySliChart(props: { days: DailySli[]; objective: number }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const days = props.days.filter(d => d.total > 0);
  if (days.length === 0) return <NoDays />;

  const objective = toRatio(props.objective);
  const points: ChartPoint[] = days.map(d => {
    const label = t('charts.sliPoint', {
      day: format.day(d.date),
      value: format.sli(d.sli),
    });
    return {
      key: d.date,
      value: d.sli,
      corrected: d.corrected,
      bad: d.sli < objective,
      label: d.corrected ? t('charts.correctedPoint', { point: label }) : label,
    };
  });
  const domain = sliDomain(
    days.map(d => d.sli),
    objective,
  );
  const first = days[0];
  const last = days[days.length - 1];
  const objectiveLabel = format.objective(objective);

  return (
    <LineChart
      title={t('charts.sliTitle')}
      description={t('charts.sliDescription', {
        first: format.day(first.date),
        last: format.day(last.date),
        objective: objectiveLabel,
        below: format.number(points.filter(p => p.bad).length),
      })}
      points={points}
      domain={domain}
      ticks={[domain[0], 1].map(v => ({
        value: v,
        label: format.objective(v),
      }))}
      lines={[
        {
          value: objective,
          label: t('charts.objective', { objective: objectiveLabel }),
          tone: 'objective',
        },
      ]}
      firstLabel={format.shortDay(first.date)}
      lastLabel={format.shortDay(last.date)}
      correctedLabel={t('charts.corrected')}
    />
  );
}
