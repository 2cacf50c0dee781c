import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { kubernetesTarget } from '../lib/annotations';
import { infraTranslationRef } from '../translation';

/** The sentence for a cluster without workloads: which labels (and namespace) were looked for. */
export function useNoWorkloadsMessage(): string {
  const { t } = useTranslationRef(infraTranslationRef);
  const { entity } = useEntity();
  const { selector = '', namespace } = kubernetesTarget(entity);
  return namespace ? t('workloads.emptyInNamespace', { selector, namespace }) : t('workloads.empty', { selector });
}
