import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { summarizeAuditRecord } from '@internal/plugin-audit-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '@internal/plugin-portal-common';
import type { AuditStore } from '../database/AuditStore';
import { auditEventsReadPermission } from '../permissions';

const listQuery = z
  .object({
    plugin: z.string().max(64).optional(),
    actor: z.string().max(255).optional(),
    eventId: z.string().max(128).optional(),
    status: z.enum(['succeeded', 'failed']).optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    before: z
      .string()
      .regex(/^\d{1,18}$/, 'must be an audit record id')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: AuditStore;
}): Promise<express.Router> {
  const { httpAuth, permissions, store } = options;
  const router = Router();

  /** The audit log, newest first; page with `before=<id of the last record>`. */
  router.get('/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission: auditEventsReadPermission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only members of the platform team may read the audit log');
    }
    const q = parseInput(listQuery, req.query, 'query');
    const items = await store.list({
      ...q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    });
    res.json({
      // Each with its summary as a code and parameters, for the reader's language.
      items: items.map(item => ({ ...item, ...summarizeAuditRecord(item) })),
      ...(items.length === q.limit ? { nextBefore: items[items.length - 1].id } : {}),
    });
  });

  return router;
}
