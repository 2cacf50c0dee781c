import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { DailySli, SloCorrection } from '@internal/plugin-slo-common';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '../../hooks/useFormatters';
import { budgetDomain, sliDomain } from '../../lib/chart';
import {
  correctedDays,
  correctionBands,
  dayMiddleMs,
  dayEndMs,
  dayStartMs,
  deployMarks,
  localDay,
  type DeployMark,
} from '../../lib/chartMarks';
import { toRatio } from '../../lib/format';
import { sloTranslationRef } from '../../translation';
import { DataTable } from '@internal/plugin-portal-react';
import { TimeChart, type TimePoint } from './TimeChart';

/** A deploy event the charts can mark (the infra plugin's Datadog deploys have this shape). */
export interface ChartDeploy {
  id: string;
  at: string;
  title: string;
  version?: string;
}

/** What both charts mark: corrections (from the corrections list) and deploys. */
interface Marks {
  days: DailySli[];
  corrections?: SloCorrection[];
  deploys?: ChartDeploy[];
}

function NoDays() {
  const { t } = useTranslationRef(sloTranslationRef);
  return (
    <Typography variant="body2" color="textSecondary">
      {t('charts.empty')}
    </Typography>
  );
}

/** At most about seven day ticks, always including the first day. */
function dayTicks(days: readonly DailySli[], zone: string): number[] {
  const step = Math.max(1, Math.ceil(days.length / 7));
  return days.filter((_, i) => i % step === 0).map(d => dayMiddleMs(d.date, zone));
}

/**
 * The shared part of both charts: x domain, bands, deploy markers, and per day the tooltip lines
 * about corrections and deploys.
 */
function useMarks(props: Marks, shown: DailySli[]) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const all = props.days;
  const zone = format.timeZone;
  const from = dayStartMs(all[0].date, zone);
  const to = dayEndMs(all[all.length - 1].date, zone);
  const byDay = correctedDays(all, props.corrections ?? [], zone);
  const bands = correctionBands(all, byDay, zone);
  const deploys = deployMarks(props.deploys ?? [], from, to);
  const deploysByDay = new Map<string, DeployMark[]>();
  for (const d of deploys) {
    const key = localDay(d.x, zone);
    deploysByDay.set(key, [...(deploysByDay.get(key) ?? []), d]);
  }
  const notes = (date: string): string[] => {
    const out: string[] = [];
    const reasons = byDay.get(date);
    if (reasons) {
      out.push(reasons.length ? t('charts.correctedBy', { reasons: format.list(reasons) }) : t('charts.corrected'));
    }
    for (const d of deploysByDay.get(date) ?? []) {
      out.push(
        t('charts.deployAt', {
          label: d.label,
          time: format.zoneDateTime(d.at),
          zone,
        }),
      );
    }
    return out;
  };
  const correctedCount = shown.filter(d => byDay.has(d.date)).length;
  return {
    xDomain: [from, to] as [number, number],
    bands,
    deploys,
    notes,
    marksSummary: t('charts.marksSummary', {
      corrected: format.number(correctedCount),
      deploys: format.number(deploys.length),
    }),
  };
}

function ChartTable(props: {
  label: string;
  valueTitle: string;
  days: DailySli[];
  value: (d: DailySli) => string;
  notes: (date: string) => string[];
}) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  return (
    <DataTable
      label={props.label}
      columns={[
        { title: t('charts.columns.day'), render: d => format.day(d.date) },
        { title: props.valueTitle, render: props.value, numeric: true },
        {
          title: t('charts.columns.notes'),
          render: d => props.notes(d.date).join(' / ') || '—',
        },
      ]}
      rows={props.days}
      rowKey={d => d.date}
      empty={t('charts.empty')}
    />
  );
}

/**
 * The remaining error budget at the end of each day of the window, with corrected days shaded and
 * deploys marked. Without one request in the window there is no budget to draw (never a flat 100 %).
 */
export function BudgetBurnDownChart(props: Marks) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const { days } = props;
  const empty = days.length === 0 || days.every(d => d.total === 0);
  // Hooks run before the early return below would skip them.
  const marks = useMarks(empty ? { days: [{ date: '1970-01-01' } as DailySli] } : props, days);
  if (empty) return <NoDays />;

  const points: TimePoint[] = days.map(d => ({
    x: dayMiddleMs(d.date, format.timeZone),
    value: d.budgetRemainingRatio,
    bad: d.budgetRemainingRatio <= 0,
    heading: format.day(d.date),
    lines: [t('charts.budgetValue', { value: format.percent(d.budgetRemainingRatio) }), ...marks.notes(d.date)],
  }));
  const domain = budgetDomain(days.map(d => d.budgetRemainingRatio));
  const first = days[0];
  const last = days[days.length - 1];
  const title = t('charts.burnDownTitle');

  return (
    <TimeChart
      title={title}
      summary={`${t('charts.burnDownDescription', {
        first: format.day(first.date),
        last: format.day(last.date),
        start: format.percent(first.budgetRemainingRatio),
        end: format.percent(last.budgetRemainingRatio),
      })} ${marks.marksSummary}`}
      points={points}
      xDomain={marks.xDomain}
      xTicks={dayTicks(days, format.timeZone)}
      formatX={ms => format.shortDay(localDay(ms, format.timeZone))}
      xLabel={t('charts.dateAxis', { zone: format.timeZone })}
      domain={domain}
      yTicks={[...new Set([domain[0], 0, 0.5, 1, domain[1]])]}
      formatY={v => format.percent(v)}
      yLabel={t('charts.budgetAxis')}
      valueName={t('charts.budgetAxis')}
      references={[{ value: 0, label: t('charts.exhausted'), tone: 'danger' }]}
      bands={marks.bands}
      deploys={marks.deploys}
      bandLabel={t('charts.correctionBand')}
      deployLabel={t('charts.deploy')}
      tableLabel={t('charts.showTable')}
      table={
        <ChartTable
          label={t('charts.burnDownTable')}
          valueTitle={t('charts.budgetAxis')}
          days={days}
          value={d => format.percent(d.budgetRemainingRatio)}
          notes={marks.notes}
        />
      }
    />
  );
}

/**
 * The SLI of each day of the window against the objective, with corrected days shaded and deploys
 * marked. Days without a request have no SLI and are left out (never drawn at 100 %).
 */
export function DailySliChart(props: Marks & { objective: number }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const days = props.days.filter(d => d.total > 0);
  const empty = days.length === 0;
  const marks = useMarks(empty ? { days: [{ date: '1970-01-01' } as DailySli] } : props, days);
  if (empty) return <NoDays />;

  const objective = toRatio(props.objective);
  const points: TimePoint[] = days.map(d => ({
    x: dayMiddleMs(d.date, format.timeZone),
    value: d.sli,
    bad: d.sli < objective,
    heading: format.day(d.date),
    lines: [t('charts.sliValue', { value: format.sli(d.sli) }), ...marks.notes(d.date)],
  }));
  const domain = sliDomain(
    days.map(d => d.sli),
    objective,
  );
  const first = days[0];
  const last = days[days.length - 1];
  const objectiveLabel = format.objective(objective);

  return (
    <TimeChart
      title={t('charts.sliTitle')}
      summary={`${t('charts.sliDescription', {
        first: format.day(first.date),
        last: format.day(last.date),
        objective: objectiveLabel,
        below: format.number(points.filter(p => p.bad).length),
      })} ${marks.marksSummary}`}
      points={points}
      xDomain={marks.xDomain}
      xTicks={dayTicks(props.days, format.timeZone)}
      formatX={ms => format.shortDay(localDay(ms, format.timeZone))}
      xLabel={t('charts.dateAxis', { zone: format.timeZone })}
      domain={domain}
      yTicks={[domain[0], 1]}
      formatY={v => format.objective(v)}
      yLabel={t('charts.sliAxis')}
      valueName={t('charts.sliAxis')}
      references={[
        {
          value: objective,
          label: t('charts.objective', { objective: objectiveLabel }),
          tone: 'objective',
        },
      ]}
      bands={marks.bands}
      deploys={marks.deploys}
      bandLabel={t('charts.correctionBand')}
      deployLabel={t('charts.deploy')}
      tableLabel={t('charts.showTable')}
      table={
        <ChartTable
          label={t('charts.sliTable')}
          valueTitle={t('charts.sliAxis')}
          days={days}
          value={d => format.sli(d.sli)}
          notes={marks.notes}
        />
      }
    />
  );
}
