import type { BackstageCredentials, BackstageUserPrincipal, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { supportRequestCreatePermission } from '@internal/plugin-support-common';
import { coded } from './coded';
import type { CreateInput, SupportService } from './types';

/**
 * Files a support request: the caller needs `support.request.create`, then the support service
 * checks the rest (the entity, urgent paging) and takes the context snapshot. Shared by
 * `POST /api/support/requests` and the `file-support-request` action.
 */
export async function fileSupportRequest(
  deps: { permissions: PermissionsService; support: SupportService },
  input: CreateInput,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  idempotencyKey?: string,
) {
  const [decision] = await deps.permissions.authorize([{ permission: supportRequestCreatePermission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW)
    throw coded(new NotAllowedError('You may not file support requests'), 'mayNotFile');
  return deps.support.create(input, credentials, idempotencyKey);
}
