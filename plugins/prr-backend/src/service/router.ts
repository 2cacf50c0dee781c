import { auditedChange } from '@internal/plugin-portal-node';
import { parseInput } from '@internal/plugin-portal-common';
import type { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { PrrService } from '../services/Prr/types';

const name = z.string().min(1).max(253);
const entityParams = z.object({ kind: name, namespace: name, name });
const itemParams = entityParams.extend({
  itemId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a checklist item id'),
});

const empty = z.object({}).strict();

const manualBody = z
  .object({
    state: z.enum(['pending', 'done', 'not-applicable']),
    evidenceUrl: z
      .string()
      .max(2000)
      .url('must be a URL')
      .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL')
      .optional(),
    evidenceText: z.string().trim().min(1, 'must not be empty').max(10_000).optional(),
    reason: z.string().trim().min(1, 'must not be empty').max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.state === 'done' && !b.evidenceUrl && !b.evidenceText) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidenceUrl'],
        message: 'evidenceUrl or evidenceText is required when state is done',
      });
    }
    if (b.state === 'not-applicable' && !b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is required when state is not-applicable' });
    }
    if (b.state !== 'not-applicable' && b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only a not-applicable answer takes a reason' });
    }
    if (b.state !== 'done' && (b.evidenceUrl || b.evidenceText)) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'evidence needs state done' });
    }
  });

const commentBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000) }).strict();
const changesBody = z.object({ reason: z.string().trim().min(1, 'must not be empty').max(5000) }).strict();

const scorecardQuery = z
  .object({
    team: z.string().min(1).max(300).optional(),
    tier: z.enum(['A', 'B', 'C', 'untiered']).optional(),
  })
  .strict();

const exportQuery = z.object({ lang: z.enum(['en', 'ja']).optional() }).strict();

/** Zod validation with a 400 naming each bad field (and no NUL characters in text). */
const parse = parseInput;

/** `/api/prr`: validate, call the PRR service, answer. Every route needs a signed-in user. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  prr: PrrService;
}): Promise<express.Router> {
  const { httpAuth, auditor, prr } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const credentialsOf = (req: express.Request) => httpAuth.credentials(req, { allow: ['user'] });

  /** Runs a mutation inside an audit event. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: NonNullable<Parameters<AuditorService['createEvent']>[0]['meta']>,
    fn: () => Promise<T>,
  ): Promise<T> {
    return auditedChange(auditor, { request: req, eventId, meta }, fn);
  }

  const entityOf = (req: express.Request) => parse(entityParams, req.params, 'entity');
  const bodyOf = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, req: express.Request) =>
    parse(schema, req.body ?? {}, 'body');

  router.get('/templates', async (req, res) => {
    await credentialsOf(req);
    res.json({ templates: prr.templates() });
  });

  router.get('/scorecard', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await prr.scorecard(parse(scorecardQuery, req.query, 'query'), credentials));
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await prr.entityPrr(entityOf(req), credentials));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json({ history: await prr.history(entityOf(req), credentials) });
  });

  router.get('/entities/:kind/:namespace/:name/export.md', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    // `?lang=` first, then the browser's Accept-Language; English when neither asks for Japanese.
    const lang =
      parse(exportQuery, req.query, 'query').lang ?? (req.acceptsLanguages('en', 'ja') === 'ja' ? 'ja' : 'en');
    const md = await prr.exportMarkdown(ref, lang, credentials);
    res.type('text/markdown; charset=utf-8').attachment(`prr-${ref.name}.md`).send(md);
  });

  router.post('/entities/:kind/:namespace/:name/evaluate', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    bodyOf(empty, req);
    res.json(await audited(req, 'prr-evaluate', { ...ref }, () => prr.evaluate(ref, credentials)));
  });

  router.post('/entities/:kind/:namespace/:name/review', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    bodyOf(empty, req);
    res.status(201).json(await audited(req, 'prr-review-open', { ...ref }, () => prr.openReview(ref, credentials)));
  });

  router.post('/entities/:kind/:namespace/:name/review/submit', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    bodyOf(empty, req);
    res.json(await audited(req, 'prr-review-submit', { ...ref }, () => prr.submit(ref, credentials)));
  });

  router.post('/entities/:kind/:namespace/:name/review/approve', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    bodyOf(empty, req);
    res.json(await audited(req, 'prr-review-approve', { ...ref }, () => prr.approve(ref, credentials)));
  });

  router.post('/entities/:kind/:namespace/:name/review/request-changes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityOf(req);
    const { reason } = bodyOf(changesBody, req);
    res.json(
      await audited(req, 'prr-review-request-changes', { ...ref }, () => prr.requestChanges(ref, reason, credentials)),
    );
  });

  router.put('/entities/:kind/:namespace/:name/items/:itemId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { itemId, ...ref } = parse(itemParams, req.params, 'item');
    const body = bodyOf(manualBody, req);
    res.json(
      await audited(req, 'prr-item-update', { ...ref, itemId, state: body.state }, () =>
        prr.setManual(ref, itemId, body, credentials),
      ),
    );
  });

  router.post('/entities/:kind/:namespace/:name/items/:itemId/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { itemId, ...ref } = parse(itemParams, req.params, 'item');
    const { text } = bodyOf(commentBody, req);
    res
      .status(201)
      .json(
        await audited(req, 'prr-comment-add', { ...ref, itemId }, () => prr.addComment(ref, itemId, text, credentials)),
      );
  });

  return router;
}
