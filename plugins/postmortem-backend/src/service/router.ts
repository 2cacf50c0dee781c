import { auditedChange } from '@internal/plugin-portal-node';
import { parseInput, toEntityRef } from '@internal/plugin-portal-common';
import type { AuditorService, BackstageCredentials, HttpAuthService } from '@backstage/backend-plugin-api';
import type { PostmortemConflict } from '@internal/plugin-postmortem-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { LEGACY_PAGE_SIZE, MAX_PAGE_SIZE, RevisionConflictError } from '../database/PostmortemStore';
import type { PostmortemService } from '../services/Postmortem/types';

// NUL characters (which PostgreSQL text cannot hold) are refused by parseInput, for every field.
const ref = z.string().trim().min(1).max(255);
const isoTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T02:00:00Z' })
  .refine(s => !Number.isNaN(Date.parse(s)), 'must be a valid date-time');
const severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
const status = z.enum(['draft', 'in_review', 'published']);
const language = z.enum(['en', 'ja']);
const itemStatus = z.enum(['open', 'in_progress', 'done']);
const priority = z.enum(['P1', 'P2', 'P3', 'P4']);
const dueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(d => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date');
const link = z
  .string()
  .max(2000)
  .url('must be a URL')
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const idParams = z.object({ id: z.string().uuid('must be a postmortem id (UUID)') }).passthrough();
const entryParams = idParams.extend({ entryId: z.string().uuid('must be a timeline entry id (UUID)') });
const itemParams = idParams.extend({ itemId: z.string().uuid('must be an action item id (UUID)') });
const revisionParams = idParams.extend({ revision: z.coerce.number().int().min(1).max(1_000_000) });

/** Page size of `GET /postmortems` with `cursor` and without `limit`. */
const DEFAULT_PAGE_SIZE = 50;

const listQuery = z
  .object({
    entity: ref.optional(),
    team: ref.optional(),
    severity: severity.optional(),
    status: status.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    q: z.string().max(200).optional(),
    /** Page size; with `limit` or `cursor` the answer is `{ items, nextCursor? }`. */
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(1000).optional(),
  })
  .strict();

const createBody = z
  .object({
    entityRef: ref,
    incidentId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,64}$/, 'must be a PagerDuty incident id')
      .optional(),
    title: z.string().trim().min(1).max(500).optional(),
    severity: severity.optional(),
    language: language.optional(),
  })
  .strict();

const updateBody = z
  .object({
    baseRevision: z.number().int().min(1).max(1_000_000_000),
    title: z.string().trim().min(1, 'must not be empty').max(500).optional(),
    severity: severity.optional(),
    document: z.string().max(200_000).optional(),
    startedAt: isoTime.nullable().optional(),
    endedAt: isoTime.nullable().optional(),
  })
  .strict();

const timelineBody = z
  .object({
    at: isoTime,
    kind: z
      .string()
      .trim()
      .regex(/^[a-z_-]{1,32}$/, 'must be a short lowercase word, e.g. note'),
    text: z.string().trim().min(1, 'must not be empty').max(4000),
    keyMoment: z.boolean().optional(),
  })
  .strict();

const itemBody = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(500),
    ownerRef: ref,
    priority: priority.optional(),
    dueDate: dueDate.nullable().optional(),
    status: itemStatus.optional(),
    link: link.nullable().optional(),
  })
  .strict();

const reviewBody = z.object({ reviewers: z.array(ref).min(1, 'must name at least one reviewer').max(20) }).strict();
const reopenBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z
    .string()
    .max(200)
    .transform(s =>
      s
        .split(',')
        .map(x => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

const itemsQuery = z
  .object({
    owner: ref.optional(),
    status: csv(itemStatus).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
    entity: ref.optional(),
  })
  .strict();

const incidentsQuery = z.object({ entity: ref }).strict();
const exportQuery = z.object({ lang: z.enum(['en', 'ja']).optional() }).strict();
const metricsQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional(), entity: ref.optional(), team: ref.optional() })
  .strict();

/** Zod validation with a 400 naming each bad field (and no NUL characters in text). */
const parse = parseInput;

/** The request's language: the `language` field wins, then `Accept-Language`. */
function requestLanguage(req: express.Request): 'en' | 'ja' | undefined {
  const header = req.get('accept-language') ?? '';
  if (/^\s*ja\b/i.test(header)) return 'ja';
  if (/^\s*en\b/i.test(header)) return 'en';
  return undefined;
}

type AuditMeta = NonNullable<Parameters<AuditorService['createEvent']>[0]['meta']>;

/** `/api/postmortem`: thin — validate, call the postmortem service, answer. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  postmortems: PostmortemService;
}): Promise<express.Router> {
  const { httpAuth, auditor, postmortems } = options;
  const router = Router();
  router.use(express.json({ limit: '512kb' }));

  const credentialsOf = (req: express.Request) => httpAuth.credentials(req, { allow: ['user'] });

  /** Runs a mutation as an audited event: success with its meta, or failure with the error. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: AuditMeta,
    fn: (credentials: BackstageCredentials) => Promise<T>,
  ): Promise<T> {
    const credentials = await credentialsOf(req);
    return auditedChange(auditor, { request: req, eventId, meta }, () => fn(credentials));
  }

  // Postmortems ----------------------------------------------------------------------------------

  router.get('/postmortems', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { limit, cursor, ...q } = parse(listQuery, req.query, 'query');
    const filter = {
      ...(q.entity ? { entityRef: toEntityRef(q.entity, { defaultKind: 'component' }) ?? q.entity } : {}),
      ...(q.team ? { ownerRef: toEntityRef(q.team, { defaultKind: 'group' }) ?? q.team } : {}),
      ...(q.severity ? { severity: q.severity } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
      ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
      ...(q.q?.trim() ? { q: q.q.trim() } : {}),
    };
    if (limit !== undefined || cursor !== undefined) {
      res.json(
        await postmortems.page(
          filter,
          { limit: limit ?? DEFAULT_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
          credentials,
        ),
      );
      return;
    }
    // Without paging parameters: a plain array as before, of the first LEGACY_PAGE_SIZE; when
    // more follow, the response says so (X-Next-Cursor and a Link rel="next") — never silently.
    const page = await postmortems.page(filter, { limit: LEGACY_PAGE_SIZE }, credentials);
    if (page.nextCursor) {
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('cursor', page.nextCursor);
      next.set('limit', String(MAX_PAGE_SIZE));
      res.setHeader('X-Next-Cursor', page.nextCursor);
      res.setHeader('Link', `<${req.baseUrl}${req.path}?${next.toString()}>; rel="next"`);
    }
    res.json(page.items);
  });

  router.post('/postmortems', async (req, res) => {
    const body = parse(createBody, req.body ?? {}, 'postmortem');
    const created = await audited(
      req,
      'postmortem-create',
      { entityRef: body.entityRef, incidentId: body.incidentId },
      credentials => postmortems.create({ ...body, language: body.language ?? requestLanguage(req) }, credentials),
    );
    res.status(201).json(created);
  });

  router.get('/postmortems/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await postmortems.get(parse(idParams, req.params, 'path').id, credentials));
  });

  const update = async (req: express.Request, res: express.Response) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(updateBody, req.body ?? {}, 'update');
    try {
      res.json(
        await audited(req, 'postmortem-update', { postmortemId: id, baseRevision: body.baseRevision }, credentials =>
          postmortems.update(id, body, credentials),
        ),
      );
    } catch (e) {
      if (e instanceof RevisionConflictError) {
        const conflict: PostmortemConflict = {
          error: { name: 'ConflictError', message: e.message },
          currentRevision: e.current.revision,
          baseRevision: e.baseRevision,
          current: e.current,
        };
        res.status(409).json(conflict);
        return;
      }
      throw e;
    }
  };
  router.put('/postmortems/:id', update);
  router.patch('/postmortems/:id', update);

  router.delete('/postmortems/:id', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    await audited(req, 'postmortem-delete', { postmortemId: id }, credentials => postmortems.delete(id, credentials));
    res.status(204).end();
  });

  router.get('/postmortems/:id/revisions', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await postmortems.revisions(parse(idParams, req.params, 'path').id, credentials));
  });

  router.get('/postmortems/:id/revisions/:revision', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { id, revision } = parse(revisionParams, req.params, 'path');
    res.json(await postmortems.revision(id, revision, credentials));
  });

  router.get('/postmortems/:id/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await postmortems.history(parse(idParams, req.params, 'path').id, credentials));
  });

  router.get('/postmortems/:id/export.md', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { id } = parse(idParams, req.params, 'path');
    // `?lang=` names the language of the labels and generated text; else Accept-Language, else English.
    const { lang } = parse(exportQuery, req.query, 'query');
    const { markdown } = await postmortems.exportMarkdown(id, credentials, {
      language: lang ?? requestLanguage(req) ?? 'en',
    });
    res.type('text/markdown; charset=utf-8').attachment(`postmortem-${id}.md`).send(markdown);
  });

  router.post('/postmortems/:id/impact', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    res.json(
      await audited(req, 'postmortem-impact-recompute', { postmortemId: id }, credentials =>
        postmortems.recomputeImpact(id, credentials),
      ),
    );
  });

  // Timeline ---------------------------------------------------------------------------------------

  router.post('/postmortems/:id/timeline', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(timelineBody, req.body ?? {}, 'timeline entry');
    res
      .status(201)
      .json(
        await audited(req, 'postmortem-timeline-add', { postmortemId: id }, credentials =>
          postmortems.addTimelineEntry(id, body, credentials),
        ),
      );
  });

  router.patch('/postmortems/:id/timeline/:entryId', async (req, res) => {
    const { id, entryId } = parse(entryParams, req.params, 'path');
    const body = parse(timelineBody.partial().strict(), req.body ?? {}, 'timeline entry');
    res.json(
      await audited(req, 'postmortem-timeline-update', { postmortemId: id, entryId }, credentials =>
        postmortems.updateTimelineEntry(id, entryId, body, credentials),
      ),
    );
  });

  router.delete('/postmortems/:id/timeline/:entryId', async (req, res) => {
    const { id, entryId } = parse(entryParams, req.params, 'path');
    await audited(req, 'postmortem-timeline-delete', { postmortemId: id, entryId }, credentials =>
      postmortems.deleteTimelineEntry(id, entryId, credentials),
    );
    res.status(204).end();
  });

  // Review -----------------------------------------------------------------------------------------

  router.post('/postmortems/:id/review', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(reviewBody, req.body ?? {}, 'review request');
    res.json(
      await audited(req, 'postmortem-review-request', { postmortemId: id, reviewers: body.reviewers }, credentials =>
        postmortems.requestReview(id, body.reviewers, credentials),
      ),
    );
  });

  router.post('/postmortems/:id/approve', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    parse(z.object({}).strict(), req.body ?? {}, 'approval');
    res.json(
      await audited(req, 'postmortem-approve', { postmortemId: id }, credentials =>
        postmortems.approve(id, credentials),
      ),
    );
  });

  router.post('/postmortems/:id/reopen', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(reopenBody, req.body ?? {}, 'reopen');
    res.json(
      await audited(req, 'postmortem-reopen', { postmortemId: id }, credentials =>
        postmortems.reopen(id, body.reason, credentials),
      ),
    );
  });

  // Action items -----------------------------------------------------------------------------------

  router.post('/postmortems/:id/action-items', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(itemBody, req.body ?? {}, 'action item');
    res.status(201).json(
      await audited(req, 'postmortem-action-item-add', { postmortemId: id }, credentials =>
        postmortems.addActionItem(
          id,
          {
            ...body,
            ...(body.dueDate !== undefined ? { dueDate: body.dueDate } : {}),
            ...(body.link !== undefined ? { link: body.link } : {}),
          },
          credentials,
        ),
      ),
    );
  });

  router.patch('/postmortems/:id/action-items/:itemId', async (req, res) => {
    const { id, itemId } = parse(itemParams, req.params, 'path');
    const body = parse(itemBody.partial().strict(), req.body ?? {}, 'action item');
    res.json(
      await audited(req, 'postmortem-action-item-update', { postmortemId: id, itemId }, credentials =>
        postmortems.updateActionItem(id, itemId, body, credentials),
      ),
    );
  });

  router.delete('/postmortems/:id/action-items/:itemId', async (req, res) => {
    const { id, itemId } = parse(itemParams, req.params, 'path');
    await audited(req, 'postmortem-action-item-delete', { postmortemId: id, itemId }, credentials =>
      postmortems.deleteActionItem(id, itemId, credentials),
    );
    res.status(204).end();
  });

  router.get('/action-items', async (req, res) => {
    const credentials = await credentialsOf(req);
    const q = parse(itemsQuery, req.query, 'query');
    res.json(
      await postmortems.actionItems(
        {
          ...(q.owner ? { owner: q.owner } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.overdue ? { overdue: true } : {}),
          ...(q.entity ? { entityRef: q.entity } : {}),
        },
        credentials,
      ),
    );
  });

  // Incidents and metrics ----------------------------------------------------------------------------

  router.get('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await postmortems.incidents(parse(incidentsQuery, req.query, 'query').entity, credentials));
  });

  router.get('/metrics', async (req, res) => {
    const credentials = await credentialsOf(req);
    const q = parse(metricsQuery, req.query, 'query');
    res.json(
      await postmortems.metrics(
        {
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.entity ? { entityRef: q.entity } : {}),
          ...(q.team ? { team: q.team } : {}),
        },
        credentials,
      ),
    );
  });

  return router;
}
