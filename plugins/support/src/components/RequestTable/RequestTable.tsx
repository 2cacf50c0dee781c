import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { RequestType, SupportRequestSummary } from '@internal/plugin-support-common';
import { shortRef } from '@internal/plugin-portal-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { useLocalized } from '../../hooks/useLanguage';
import { supportTranslationRef } from '../../translation';
import { SlaChip } from '../SlaChip';

const nowrap = { whiteSpace: 'nowrap' as const };

export function useTypeTitle(types: RequestType[] | undefined) {
  const localized = useLocalized();
  return (id: string) => {
    const type = types?.find(x => x.id === id);
    return type ? localized(type.title) : id;
  };
}

/** Requests as a table, with SLA chips; `actions` renders per-row controls (triage). */
export function RequestTable(props: {
  label: string;
  items: SupportRequestSummary[];
  types?: RequestType[];
  actions?: (r: SupportRequestSummary) => ReactNode;
}) {
  const { t } = useTranslationRef(supportTranslationRef);
  const typeTitle = useTypeTitle(props.types);
  if (!props.items.length) return <Typography color="textSecondary">{t('table.empty')}</Typography>;
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell style={nowrap}>{t('table.id')}</TableCell>
            <TableCell style={{ minWidth: 220 }}>{t('table.title')}</TableCell>
            <TableCell style={{ minWidth: 120 }}>{t('table.type')}</TableCell>
            <TableCell style={{ minWidth: 110 }}>{t('table.status')}</TableCell>
            <TableCell style={nowrap}>{t('table.priority')}</TableCell>
            <TableCell style={nowrap}>{t('table.entity')}</TableCell>
            <TableCell style={nowrap}>{t('table.assignee')}</TableCell>
            <TableCell style={nowrap}>{t('table.created')}</TableCell>
            <TableCell style={nowrap}>{t('table.sla')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(r => (
            <TableRow key={r.id}>
              <TableCell>{r.id}</TableCell>
              <TableCell>
                <Link to={`/support/requests/${r.id}`}>{r.title}</Link>
                {props.actions && <Box mt={0.5}>{props.actions(r)}</Box>}
              </TableCell>
              <TableCell>{typeTitle(r.type)}</TableCell>
              <TableCell>{t(`status.${r.status}` as 'status.new')}</TableCell>
              <TableCell style={nowrap}>{r.priority}</TableCell>
              <TableCell>{r.entityRef ? shortRef(r.entityRef) : t('common.none')}</TableCell>
              <TableCell style={nowrap}>{r.assignee ? shortRef(r.assignee) : t('common.none')}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{new Date(r.createdAt).toLocaleDateString()}</TableCell>
              <TableCell>
                <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
                  <SlaChip clock={r.sla.firstResponse} compact />
                  <SlaChip clock={r.sla.resolution} compact />
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
