import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { isSupportMessageCode, STATUSES, type SupportMessageParams } from '@internal/plugin-support-common';
import { useCallback } from 'react';
import { supportTranslationRef } from '../translation';
import { errorMessage } from './errors';

type WireMessage = { code?: unknown; params?: SupportMessageParams };
type WireError = WireMessage & { message?: string; issues?: WireMessage[] };

/**
 * Renders the sentences the backend sends as codes with parameters in the reader's language.
 * A code this frontend does not know falls back to the backend's English text.
 */
export function useSupportMessages() {
  const { t } = useTranslationRef(supportTranslationRef);

  const message = useCallback(
    (code: unknown, params: SupportMessageParams | undefined, fallback: string | undefined): string | undefined => {
      if (!isSupportMessageCode(code)) return fallback;
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(params ?? {})) {
        // Request statuses travel as their ids; they are shown by their names.
        values[key] =
          typeof value === 'string' && (STATUSES as readonly string[]).includes(value)
            ? t(`status.${value}` as 'status.new')
            : String(value);
      }
      return (t as unknown as (key: string, options: Record<string, string>) => string)(`codes.${code}`, values);
    },
    [t],
  );

  /** A failed call's reason: the coded error of the backend, else its message. */
  const errorText = useCallback(
    (e: unknown): string => {
      const error = (e as { body?: { error?: WireError } })?.body?.error;
      if (error && isSupportMessageCode(error.code)) {
        const issues: SupportMessageParams = error.issues?.length
          ? {
              issues: error.issues
                .map(i => message(i.code, i.params, undefined) ?? '')
                .filter(Boolean)
                .join('; '),
            }
          : {};
        return message(error.code, { ...error.params, ...issues }, error.message) ?? errorMessage(e);
      }
      return errorMessage(e);
    },
    [message],
  );

  return { message, errorText };
}
