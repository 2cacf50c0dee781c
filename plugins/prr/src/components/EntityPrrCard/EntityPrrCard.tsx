import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEntityPrr } from '../../hooks/usePrr';
import { prrTranslationRef } from '../../translation';
import { ReviewStatusChip, TierChip } from '../Chips';

/** The overview card: score, review state, tier, and a warning when the approval drifted. */
export function EntityPrrCard() {
  const { t } = useTranslationRef(prrTranslationRef);
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, error } = useEntityPrr(entity);
  let body;
  if (value) {
    const failing = value.sections.flatMap(s => s.items).filter(i => i.status === 'fail').length;
    const scoreLabel = t('checklist.score', { score: String(value.score) });
    body = (
      <Box display="flex" flexDirection="column" gridGap={10}>
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <Typography variant="h6" component="p">
            {scoreLabel}
          </Typography>
          <TierChip tier={value.tier} />
          <ReviewStatusChip status={value.review?.status} />
        </Box>
        <LinearProgress variant="determinate" value={value.score} aria-label={scoreLabel} />
        <Typography variant="body2">
          {t('checklist.progress', { passed: String(value.progress.passed), total: String(value.progress.total) })}
          {failing > 0 && ` · ${t('card.failing', { count: failing })}`}
        </Typography>
        {value.review?.status === 'drifted' && (
          <Alert severity="warning">{t('card.drift', { items: (value.review.driftedItems ?? []).join(', ') })}</Alert>
        )}
        <Link to={`${entityLink(entity)}/prr`}>{t('card.details')}</Link>
      </Box>
    );
  } else if (error) {
    body = (
      <Typography variant="body2" role="status">
        {t('common.loadFailed', { message: error.message })}
      </Typography>
    );
  } else {
    body = <Progress />;
  }
  return (
    <InfoCard title={t('card.title')} titleTypographyProps={{ component: 'h2' }}>
      {body}
    </InfoCard>
  );
}
