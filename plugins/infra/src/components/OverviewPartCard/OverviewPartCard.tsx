import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityOverview, SourceName, Sourced } from '@internal/plugin-infra-common';
import type { ReactNode } from 'react';
import { useEntityOverview } from '../../hooks/useEntityOverview';
import { infraTranslationRef } from '../../translation';
import { FreshnessChip } from '../FreshnessChip';
import { InfraCard } from '../InfraCard';
import { LoadFailed } from '@internal/plugin-portal-react';
import { UnavailableNotice } from '../UnavailableNotice';

/**
 * One part of the entity's overview as a card: its freshness chip, its data when there is some
 * (fresh or stale), and otherwise a sentence saying why not. All cards of a page share one
 * overview request.
 */
export function OverviewPartCard<T>(props: {
  title: string;
  source: SourceName;
  select: (overview: EntityOverview) => Sourced<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslationRef(infraTranslationRef);
  const { entity } = useEntity();
  const { value, error, retry } = useEntityOverview(entity);
  const part = value ? props.select(value) : undefined;

  let body: ReactNode;
  if (part) {
    const usable = part.data !== undefined && (part.freshness.state === 'fresh' || part.freshness.state === 'stale');
    body = usable ? (
      props.children(part.data as T)
    ) : (
      <UnavailableNotice freshness={part.freshness} source={t(`source.${props.source}`)} />
    );
  } else if (error) {
    body = <LoadFailed scope="card" error={error} onRetry={retry} />;
  } else {
    body = <Progress />;
  }

  return (
    <InfraCard title={props.title} chips={part ? <FreshnessChip freshness={part.freshness} /> : undefined}>
      {body}
    </InfraCard>
  );
}
