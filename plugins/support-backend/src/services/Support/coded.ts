import type { SupportMessage, SupportMessageCode, SupportMessageParams } from '@internal/plugin-support-common';

/**
 * Adds a message code and its parameters to an error: the framework's error handler serializes
 * an error's own fields, so the response body carries `error.code` and `error.params` (and
 * `error.issues` for a list of problems) next to the English `error.message`.
 */
export function coded<E extends Error>(
  error: E,
  code: SupportMessageCode,
  params?: SupportMessageParams,
  issues?: SupportMessage[],
): E {
  return Object.assign(error, {
    code,
    ...(params ? { params } : {}),
    ...(issues ? { issues: issues.map(i => ({ code: i.code, ...(i.params ? { params: i.params } : {}) })) } : {}),
  });
}
