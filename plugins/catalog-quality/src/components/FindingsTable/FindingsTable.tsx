import { StatusError, StatusPending, StatusWarning, Table, type TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { Finding } from '../../api/CatalogQualityApi';
import { catalogQualityTranslationRef } from '../../translation';

type Row = Finding & {
  id: string;
  severityLabel: string;
  problemLabel: string;
  entityLabel: string;
  whereLabel: string;
  description: string;
};

function SeverityCell(props: { severity: Finding['severity']; label: string }) {
  switch (props.severity) {
    case 'error':
      return <StatusError>{props.label}</StatusError>;
    case 'warning':
      return <StatusWarning>{props.label}</StatusWarning>;
    default:
      return <StatusPending>{props.label}</StatusPending>;
  }
}

/** The findings, one row each; every column can be sorted and the toolbar searches them all. */
export function FindingsTable(props: { findings: Finding[] }) {
  const { t } = useTranslationRef(catalogQualityTranslationRef);

  // The portal's own words for each finding; the backend's English detail stays in the tooltip.
  const describe = (f: Finding): string => {
    switch (f.problem) {
      case 'processing-error':
        return f.detail;
      case 'missing-owner':
        return t('details.missingOwner');
      case 'unknown-owner':
        return t('details.unknownOwner', { owner: f.owner ?? '' });
      case 'missing-annotation':
        switch (f.annotation) {
          case 'pagerduty.com/service-id':
            return t('details.pagerduty');
          case 'backstage.io/kubernetes-id':
            return t('details.kubernetes');
          case 'backstage.io/kubernetes-label-selector':
            return t('details.invalidSelector');
          case 'platform-portal.io/slo-endpoints':
            return t('details.slo');
          default:
            return f.detail;
        }
      case 'orphan':
        return t('details.orphan');
      case 'workload-without-entity':
        return t('details.workloadWithoutEntity', {
          kind: f.kind ?? 'Deployment',
        });
      case 'no-running-workload':
        return t('details.noRunningWorkload');
      default:
        return f.detail;
    }
  };

  const rows: Row[] = props.findings.map((f, i) => ({
    ...f,
    id: `${f.problem}:${f.entityRef ?? `${f.cluster}/${f.namespace}/${f.name}`}:${f.annotation ?? ''}:${i}`,
    severityLabel: t(`severity.${f.severity}`),
    problemLabel: t(`problems.${f.problem}`),
    entityLabel: f.entityRef ?? [f.kind, f.name].filter(Boolean).join(' '),
    whereLabel: [f.cluster, f.namespace].filter(Boolean).join(' / '),
    description: describe(f),
  }));

  const columns: TableColumn<Row>[] = [
    {
      title: t('table.columns.severity'),
      field: 'severityLabel',
      width: '10%',
      render: r => <SeverityCell severity={r.severity} label={r.severityLabel} />,
    },
    { title: t('table.columns.problem'), field: 'problemLabel', width: '12%' },
    {
      title: t('table.columns.entity'),
      field: 'entityLabel',
      width: '16%',
      render: r =>
        r.entityRef ? (
          <EntityRefLink entityRef={r.entityRef} />
        ) : (
          <>
            <Typography variant="body2">{r.entityLabel || '—'}</Typography>
            {r.location && (
              <Typography variant="caption" color="textSecondary">
                {t('table.notInCatalog')}
              </Typography>
            )}
          </>
        ),
    },
    {
      title: t('table.columns.owner'),
      field: 'owner',
      width: '14%',
      render: r => {
        if (!r.owner) return '—';
        // An owner that does not exist has no page to link to.
        if (r.problem === 'unknown-owner') return r.owner;
        return <EntityRefLink entityRef={r.owner} defaultKind="group" />;
      },
    },
    {
      title: t('table.columns.where'),
      field: 'whereLabel',
      width: '12%',
      render: r => r.whereLabel || '—',
    },
    {
      title: t('table.columns.detail'),
      field: 'description',
      width: '38%',
      render: r => (
        <>
          <Tooltip title={r.detail}>
            <Typography variant="body2">{r.description}</Typography>
          </Tooltip>
          {r.problem === 'processing-error' && r.location && (
            <Typography variant="caption" color="textSecondary">
              {t('details.notInCatalog', { location: r.location })}
            </Typography>
          )}
        </>
      ),
    },
  ];

  return (
    <Table<Row>
      title={t('table.title')}
      options={{
        paging: true,
        pageSize: 25,
        pageSizeOptions: [25, 50, 100],
        padding: 'dense',
        search: true,
        // Column dragging wraps each sort button in an unnamed role=button handle (nested-interactive).
        draggable: false,
      }}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography align="center" style={{ padding: 16 }}>
          {t('table.empty')}
        </Typography>
      }
    />
  );
}
