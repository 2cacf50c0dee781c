import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { IncidentSummary } from '@internal/plugin-infra-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { DataTable, type DataTableColumn, useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';
import { ExternalLink } from '../ExternalLink';

const useStyles = makeStyles(theme => {
  const status = (theme.palette as { status?: Record<string, string> }).status ?? {};
  return {
    triggered: {
      backgroundColor: status.error ?? theme.palette.error.main,
      color: theme.palette.getContrastText(status.error ?? theme.palette.error.main),
    },
    acknowledged: {
      backgroundColor: status.warning ?? theme.palette.warning.main,
      color: theme.palette.getContrastText(status.warning ?? theme.palette.warning.main),
    },
    resolved: {},
  };
});

/** The status of an incident as a coloured chip: triggered (red), acknowledged (amber), resolved. */
export function IncidentStatusChip(props: { status: IncidentSummary['status'] }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const classes = useStyles();
  return <Chip size="small" className={classes[props.status]} label={t(`incidents.status.${props.status}`)} />;
}

/** Open incidents: status, number and title (linked), urgency, age, assignees. */
export function IncidentTable(props: {
  incidents: IncidentSummary[];
  label: string;
  empty: string;
  /** Adds a service column (for a team's incidents, which span services). */
  showService?: boolean;
}) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const urgency = (u: string) => (u === 'high' || u === 'low' ? t(`incidents.urgency.${u}`) : u);

  const columns: DataTableColumn<IncidentSummary>[] = [
    {
      title: t('incidents.columns.status'),
      render: i => <IncidentStatusChip status={i.status} />,
    },
    {
      title: t('incidents.columns.incident'),
      render: i => (
        <ExternalLink href={i.url}>
          {t('incidents.number', { number: String(i.number) })} {i.title}
        </ExternalLink>
      ),
    },
    ...(props.showService
      ? [
          {
            title: t('incidents.columns.service'),
            render: (i: IncidentSummary) => i.serviceName ?? i.serviceId,
          },
        ]
      : []),
    { title: t('incidents.columns.urgency'), render: i => urgency(i.urgency) },
    {
      title: t('incidents.columns.opened'),
      render: i => <span title={format.dateTime(i.createdAt)}>{format.relative(i.createdAt)}</span>,
    },
    {
      title: t('incidents.columns.assignees'),
      render: i => (i.assignees.length ? format.list(i.assignees) : t('incidents.unassigned')),
    },
  ];

  const rows = [...props.incidents].sort(
    (a, b) =>
      Number(a.status === 'acknowledged') - Number(b.status === 'acknowledged') ||
      b.createdAt.localeCompare(a.createdAt),
  );
  return <DataTable label={props.label} columns={columns} rows={rows} rowKey={i => i.id} empty={props.empty} />;
}
