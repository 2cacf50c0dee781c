import { Progress } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { PodDetail } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { usePodLog } from '../../hooks/usePodLog';
import { infraTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  log: {
    margin: 0,
    padding: theme.spacing(1.5),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    backgroundColor: theme.palette.type === 'dark' ? '#111' : '#f5f5f5',
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The container to open first: the one that is failing, if any. */
function initialContainer(pod: PodDetail): string | undefined {
  const failing = pod.containers.find(c => c.waitingReason || c.lastTerminationReason || !c.ready);
  return (failing ?? pod.containers[0])?.name;
}

function LogError(props: { error: Error; previous: boolean }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const { error, previous } = props;
  const status = ResponseError.is(error) ? error.statusCode : undefined;
  // The backend's own words (e.g. "You may not read the logs of this entity").
  const message = ResponseError.is(error) ? error.cause.message : error.message;
  let text: string;
  if (status === 403) text = t('logs.forbidden', { message });
  else if (status === 400 && previous) text = t('logs.noPrevious', { message });
  else if (status === 404) text = t('logs.notFound', { message });
  else text = t('logs.failed', { message });
  return (
    <Typography role="alert" variant="body2">
      {text}
    </Typography>
  );
}

/**
 * A pod's log in a dialog: the current container's log, or with the switch the previous
 * (crashed) one's; a clear sentence when the user may not read logs or there is no previous one.
 */
export function PodLogDialog(props: { entity: Entity; cluster: string; pod: PodDetail; onClose: () => void }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const classes = useStyles();
  const { entity, cluster, pod } = props;
  const [container, setContainer] = useState(() => initialContainer(pod));
  const [previous, setPrevious] = useState(false);
  const { value, loading, error, retry } = usePodLog(entity, {
    cluster,
    pod: pod.name,
    container,
    previous,
  });
  const titleId = `infra-pod-log-${pod.name}`;

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('logs.title', { pod: pod.name })}</DialogTitle>
      <DialogContent>
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16} mb={2}>
          {pod.containers.length > 1 && (
            <TextField
              select
              size="small"
              variant="outlined"
              label={t('logs.container')}
              value={container ?? ''}
              onChange={e => setContainer(e.target.value)}
            >
              {pod.containers.map(c => (
                <MenuItem key={c.name} value={c.name}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          <FormControlLabel
            control={
              <Switch
                checked={previous}
                onChange={e => setPrevious(e.target.checked)}
                color="primary"
                inputProps={{ role: 'switch' }}
              />
            }
            label={t('logs.previous')}
          />
        </Box>
        {loading && <Progress />}
        {!loading && error && <LogError error={error} previous={previous} />}
        {!loading &&
          !error &&
          value !== undefined &&
          (value.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {t('logs.empty')}
            </Typography>
          ) : (
            <pre className={classes.log} aria-label={t('logs.logLabel', { pod: pod.name })}>
              {value}
            </pre>
          ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={retry} disabled={loading}>
          {t('logs.reload')}
        </Button>
        <Button onClick={props.onClose} color="primary">
          {t('logs.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
