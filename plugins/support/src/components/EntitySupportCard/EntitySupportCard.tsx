import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { useRequests } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { SlaChip } from '../SlaChip';

/** The open support requests of a service, and a "Request help" button (entity prefilled). */
export function EntitySupportCard() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useRequests({ entity: ref, open: true, limit: 20 });
  return (
    <InfoCard
      title={t('card.title')}
      action={
        <Button
          component={RouterLink}
          to={`/support/new?entity=${encodeURIComponent(ref)}`}
          variant="outlined"
          color="primary"
          size="small"
          style={{ margin: 8 }}
        >
          {t('card.requestHelp')}
        </Button>
      }
    >
      {loading && <Progress />}
      {error && <Typography color="error">{t('common.loadFailed', { message: error.message })}</Typography>}
      {value && !value.items.length && <Typography color="textSecondary">{t('card.empty')}</Typography>}
      {value?.items.map(r => (
        <div key={r.id} style={{ marginBottom: 8 }}>
          <Link to={`/support/requests/${r.id}`}>
            #{r.id} {r.title}
          </Link>{' '}
          <Typography component="span" variant="body2" color="textSecondary">
            ({t(`status.${r.status}` as 'status.new')})
          </Typography>{' '}
          <SlaChip clock={r.sla.resolution} />
        </div>
      ))}
    </InfoCard>
  );
}
