import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ActionItem, ActionItemRow, ActionItemStatus, PostmortemStatus } from '@internal/plugin-postmortem-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField, { type TextFieldProps } from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, type ReactNode } from 'react';
import { shortRef } from '@internal/plugin-portal-react';
import { postmortemTranslationRef } from '../../translation';

export function StatusChip(props: { status: PostmortemStatus }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const color = ({ published: 'primary', in_review: 'secondary', draft: 'default' } as const)[props.status];
  return <Chip size="small" color={color} label={t(`status.${props.status}`)} />;
}

export function LoadFailed(props: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  return (
    <>
      <ResponseErrorPanel error={props.error} title={t('common.loadFailed', { message: props.error.message })} />
      {props.onRetry && (
        <Button variant="outlined" onClick={props.onRetry} style={{ marginTop: 8 }}>
          {t('common.retry')}
        </Button>
      )}
    </>
  );
}

/** A text field whose label is tied to its input (an id of its own), so it has an accessible name. */
export function Field(props: TextFieldProps) {
  const id = useId();
  return <TextField id={props.id ?? id} {...props} />;
}

export function SelectField(props: {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  disabled?: boolean;
  minWidth?: number;
}) {
  return (
    <Field
      select
      variant="outlined"
      size="small"
      label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      style={{ minWidth: props.minWidth ?? 140 }}
    >
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Field>
  );
}

const STATUSES: ActionItemStatus[] = ['open', 'in_progress', 'done'];

/**
 * Action items as a table: with `onStatus` the status is a select; with `postmortemLinks` each
 * row links to its postmortem (the cross-postmortem lists).
 */
export function ActionItemsTable(props: {
  items: Array<ActionItem | ActionItemRow>;
  label: string;
  postmortemLink?: (id: string) => string;
  onStatus?: (item: ActionItem, status: ActionItemStatus) => void;
  onRemove?: (item: ActionItem) => void;
  empty: ReactNode;
}) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  if (!props.items.length) return <Typography variant="body2">{props.empty}</Typography>;
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{t('items.itemTitle')}</TableCell>
          {props.postmortemLink && <TableCell>{t('items.postmortem')}</TableCell>}
          <TableCell>{t('items.owner')}</TableCell>
          <TableCell>{t('items.priority')}</TableCell>
          <TableCell>{t('items.due')}</TableCell>
          <TableCell>{t('items.status')}</TableCell>
          {props.onRemove && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.id}>
            <TableCell>{item.link ? <Link to={item.link}>{item.title}</Link> : item.title}</TableCell>
            {props.postmortemLink && (
              <TableCell>
                <Link to={props.postmortemLink(item.postmortemId)}>
                  {'postmortemTitle' in item ? item.postmortemTitle : item.postmortemId}
                </Link>
              </TableCell>
            )}
            <TableCell>{shortRef(item.ownerRef)}</TableCell>
            <TableCell>{item.priority}</TableCell>
            <TableCell>
              {item.dueDate ?? t('common.none')}{' '}
              {item.overdue && <Chip size="small" color="secondary" label={t('items.overdue')} />}
            </TableCell>
            <TableCell>
              {props.onStatus ? (
                <SelectField
                  label={t('items.status')}
                  value={item.status}
                  options={STATUSES.map(s => ({ value: s, label: t(`itemStatus.${s}`) }))}
                  onChange={v => props.onStatus!(item, v as ActionItemStatus)}
                />
              ) : (
                t(`itemStatus.${item.status}`)
              )}
            </TableCell>
            {props.onRemove && (
              <TableCell>
                <Button size="small" onClick={() => props.onRemove!(item)}>
                  {t('common.remove')}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
