import type { JsonObject } from '@backstage/types';
import { auditedChange } from '@internal/plugin-portal-node';
import { parseInput } from '@internal/plugin-portal-common';
import type { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { PRIORITIES, STATUSES, localDayStart } from '@internal/plugin-support-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../database/SupportStore';
import type { SupportService } from '../services/Support/types';
import { fileSupportRequest } from '../services/Support/fileRequest';

const statusEnum = z.enum(STATUSES as unknown as [string, ...string[]]);
const priorityEnum = z.enum(PRIORITIES as unknown as [string, ...string[]]);
const userRef = z
  .string()
  .max(300)
  .regex(
    /^user:[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be a user entity ref, e.g. user:default/sato.yuki',
  );

/** A query value given once, repeated, or comma-separated, as a list. */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    v =>
      v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap(x => String(x).split(',')).filter(Boolean),
    z.array(item).max(20).optional(),
  );

const listQuery = z
  .object({
    mine: z.enum(['true', 'false']).optional(),
    open: z.enum(['true', 'false']).optional(),
    status: list(statusEnum),
    type: list(z.string().max(100)),
    priority: list(priorityEnum),
    team: z.string().max(300).optional(),
    entity: z.string().max(300).optional(),
    assignee: z.string().max(300).optional(),
    sla: z.enum(['breached', 'at-risk']).optional(),
    /** Shorthand for `sla=breached`. */
    breached: z.enum(['true', 'false']).optional(),
    /** Legacy offset paging; `cursor` (the previous page's `nextCursor`) is stable while requests are filed. */
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

const createBody = z
  .object({
    type: z.string().min(1).max(100),
    title: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().max(20_000).optional(),
    entityRef: z.string().min(1).max(300).optional(),
    priority: priorityEnum.optional(),
    fields: z.record(z.string().max(60), z.unknown()).default({}),
  })
  .strict();

const updateBody = z
  .object({
    status: statusEnum.optional(),
    assignee: userRef.nullable().optional(),
    priority: priorityEnum.optional(),
  })
  .strict()
  .refine(b => Object.keys(b).length > 0, { message: 'give at least one of status, assignee, priority' });

const commentBody = z
  .object({
    body: z.string().trim().min(1, 'must not be empty').max(20_000),
    internal: z.boolean().default(false),
  })
  .strict();

const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const analyticsQuery = z
  .object({
    from: z.string().date('must be a date, YYYY-MM-DD').optional(),
    to: z.string().date('must be a date, YYYY-MM-DD').optional(),
  })
  .strict();

/** Zod validation with a 400 naming each bad field (and no NUL characters in text). */
const parse = parseInput;

/** `/api/support`: thin — authenticate, validate, call the support service, audit changes. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  support: SupportService;
  maxBodyBytes: number;
  /** IANA zone of the analytics' days (`from`, `to`): the business calendar's. */
  timeZone: string;
}): Promise<express.Router> {
  const { httpAuth, permissions, auditor, support } = options;
  const router = Router();
  router.use(express.json({ limit: options.maxBodyBytes }));

  const userOf = (req: express.Request) => httpAuth.credentials(req, { allow: ['user'] });

  /** Runs a change as an audit event: success with its meta, or failure with the error. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, unknown>,
    fn: () => Promise<{ result: T; meta?: Record<string, unknown> }>,
  ) {
    const { result } = await auditedChange(
      auditor,
      { request: req, eventId, meta: meta as JsonObject },
      fn,
      out => out.meta as JsonObject | undefined,
    );
    return result;
  }

  /** What the caller may do: `triage` for the platform team (the frontend shows the queue). */
  router.get('/me', async (req, res) => {
    const credentials = await userOf(req);
    res.json({ userEntityRef: credentials.principal.userEntityRef, triage: await support.isTriager(credentials) });
  });

  router.get('/types', async (req, res) => {
    await userOf(req);
    res.json({ items: support.types() });
  });

  router.get('/requests', async (req, res) => {
    const credentials = await userOf(req);
    const { breached, ...q } = parse(listQuery, req.query, 'query');
    res.json(
      await support.list(
        {
          ...q,
          sla: breached === 'true' ? 'breached' : q.sla,
          mine: q.mine === 'true',
          open: q.open === 'true',
          status: q.status as any,
          priority: q.priority as any,
        },
        credentials,
      ),
    );
  });

  router.post('/requests', async (req, res) => {
    const credentials = await userOf(req);
    const key = req.header('Idempotency-Key');
    if (key !== undefined && (key.length < 1 || key.length > 200)) {
      throw new InputError('Idempotency-Key: must be 1 to 200 characters');
    }
    const body = parse(createBody, req.body ?? {}, 'request');
    const out = await audited(
      req,
      'support-request-create',
      { type: body.type, entityRef: body.entityRef },
      async () => {
        const result = await fileSupportRequest({ permissions, support }, body as any, credentials, key);
        return { result, meta: { requestId: result.request.id, created: result.created } };
      },
    );
    res.status(out.created ? 201 : 200).json(out.request);
  });

  router.get('/requests/:id', async (req, res) => {
    const credentials = await userOf(req);
    res.json(await support.detail(parse(idParams, req.params, 'request id').id, credentials));
  });

  router.patch('/requests/:id', async (req, res) => {
    const credentials = await userOf(req);
    const { id } = parse(idParams, req.params, 'request id');
    const body = parse(updateBody, req.body ?? {}, 'update');
    // The service checks the request-level rules (requester, entity owners, triage).
    res.json(
      await audited(req, 'support-request-update', { requestId: id, ...body }, async () => ({
        result: await support.update(id, body as any, credentials),
      })),
    );
  });

  router.post('/requests/:id/comments', async (req, res) => {
    const credentials = await userOf(req);
    const { id } = parse(idParams, req.params, 'request id');
    const body = parse(commentBody, req.body ?? {}, 'comment');
    const out = await audited(req, 'support-request-comment', { requestId: id, internal: body.internal }, async () => ({
      result: await support.comment(id, body, credentials),
    }));
    res.status(201).json(out);
  });

  router.get('/analytics', async (req, res) => {
    const credentials = await userOf(req);
    const q = parse(analyticsQuery, req.query, 'query');
    // `from` and `to` are whole local days of the calendar's zone; `to` is included.
    const toEnd = q.to ? new Date(localDayStart(q.to, options.timeZone, 1)) : new Date();
    const from = q.from
      ? new Date(localDayStart(q.from, options.timeZone))
      : new Date(toEnd.getTime() - 365 * 86400_000);
    if (from >= toEnd) throw new InputError('Invalid query: from: must be before to');
    res.json(await support.analytics({ from, to: toEnd }, credentials));
  });

  return router;
}
