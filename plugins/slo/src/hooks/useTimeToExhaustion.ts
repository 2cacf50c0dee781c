import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ErrorBudget } from '@internal/plugin-slo-common';
import { useCallback } from 'react';
import { sloTranslationRef } from '../translation';
import { useFormatters } from './useFormatters';

/** When an error budget runs out at the current burn rate, in words ("in 3 days (Dec 4, 09:00)"). */
export function useTimeToExhaustion(): (budget: ErrorBudget) => string {
  const { t } = useTranslationRef(sloTranslationRef);
  const format = useFormatters();
  return useCallback(
    budget => {
      if (budget.remainingRatio <= 0) return t('summary.alreadyExhausted');
      if (!budget.exhaustionAt) return t('summary.notBurning');
      return t('summary.exhaustionAt', {
        relative: format.relative(budget.exhaustionAt),
        time: format.dateTime(budget.exhaustionAt),
      });
    },
    [t, format],
  );
}
