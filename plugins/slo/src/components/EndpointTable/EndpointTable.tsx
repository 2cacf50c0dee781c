import { Fragment } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EndpointSlo } from '@internal/plugin-slo-common';
import { useFormatters } from '../../hooks/useFormatters';
import { burnRate } from '../../lib/burnRates';
import { sloTranslationRef } from '../../translation';
import { DataTable, type DataTableColumn } from '@internal/plugin-portal-react';
import { AlertStateChip } from '../StateChip';

/**
 * A path that may wrap only after a `/` or a `.` (never inside a segment such as `{orderId}`; a gRPC
 * method's package `example.paymentservice.v1.PaymentService/` wraps at its dots).
 */
function breakAtSlashes(path: string) {
  return path.split(/(?<=[/.])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/**
 * One row per important endpoint: its SLI, budget, burn rates and alert state, and whether
 * Datadog has series for it ("Matched 2 series" / "No series — check the resource name").
 */
export function EndpointTable(props: { endpoints: EndpointSlo[] }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  const seriesText = (e: EndpointSlo) => {
    if (e.matchedSeries === undefined) {
      if (e.noData?.code === 'loading') return t('endpoints.seriesLoading');
      return e.noData?.code === 'no-counts' ? t('endpoints.seriesUnknown') : t('common.none');
    }
    if (e.matchedSeries === 0)
      return (
        <span data-series="none">
          {t('endpoints.noSeries', { tag: `resource_name:${e.datadogResource ?? e.resource}` })}
        </span>
      );
    return t('endpoints.matched', { matched: format.number(e.matchedSeries) });
  };
  const columns: DataTableColumn<EndpointSlo>[] = [
    {
      title: t('endpoints.columns.resource'),
      // At least 14em, so a path wraps at a few of its `/` and `.`, not after every segment.
      render: e => (
        <code style={{ display: 'inline-block', minWidth: '14em', overflowWrap: 'normal', wordBreak: 'normal' }}>
          {breakAtSlashes(e.resource)}
        </code>
      ),
    },
    {
      title: t('endpoints.columns.series'),
      render: e => <span style={{ display: 'inline-block', minWidth: '8em' }}>{seriesText(e)}</span>,
    },
    {
      title: t('endpoints.columns.sli'),
      numeric: true,
      render: e => (e.noData ? t('common.noData') : format.sli(e.sli)),
    },
    {
      title: t('endpoints.columns.target'),
      numeric: true,
      render: e => format.objective(e.objective),
    },
    {
      title: t('endpoints.columns.budget'),
      numeric: true,
      render: e => (e.noData ? t('common.none') : format.percent(e.budget.remainingRatio)),
    },
    ...(['1h', '6h', '24h'] as const).map(
      (w): DataTableColumn<EndpointSlo> => ({
        title: t(`endpoints.columns.burn${w}`),
        numeric: true,
        render: e => (e.noData ? t('common.none') : format.burnRate(burnRate(e.burnRates, w))),
      }),
    ),
    {
      title: t('endpoints.columns.alert'),
      render: e => <AlertStateChip state={e.alertState} />,
    },
  ];
  return (
    <DataTable
      label={t('endpoints.tableLabel')}
      columns={columns}
      rows={props.endpoints}
      rowKey={e => e.resource}
      empty={t('endpoints.empty')}
    />
  );
}
