import { configApiRef, useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { infraTranslationRef } from '../../translation';

const useStyles = makeStyles({
  badge: {
    position: 'fixed',
    right: 16,
    bottom: 16,
    zIndex: 1300,
    fontWeight: 700,
    backgroundColor: '#ffb300',
    color: '#1a1a1a',
  },
});

/** Shown on every page while the portal reads the local simulators (`infra.sandbox: true`). */
export function SandboxBadge() {
  const classes = useStyles();
  const config = useApi(configApiRef);
  const { t } = useTranslationRef(infraTranslationRef);
  if (!config.getOptionalBoolean('infra.sandbox')) return null;
  return (
    <Tooltip title={t('sandbox.tooltip')}>
      <Chip className={classes.badge} label={t('sandbox.label')} role="status" aria-label={t('sandbox.label')} />
    </Tooltip>
  );
}
