import { auditedChange } from '@internal/plugin-portal-node';
import { parseInput } from '@internal/plugin-portal-common';
import type { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sloDatadogSyncPermission } from '@internal/plugin-slo-common';
import type { DatadogSloSync } from '../services/DatadogSync/DatadogSloSync';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SloService } from '../services/Slo/types';
import type { GateOverride } from '../services/GateOverride/GateOverride';
import { weeklyReviewCsv, weeklyReviewMarkdown } from '../services/Slo/review';

const name = z.string().min(1).max(253);
const entityParams = z.object({ kind: name, namespace: name, name });

const fleetQuery = z
  .object({
    owner: z.string().min(1).max(300).optional(),
    system: z.string().min(1).max(300).optional(),
  })
  .strict();

const reviewQuery = fleetQuery
  .extend({
    format: z.enum(['json', 'markdown', 'csv']).default('json'),
    /** The Markdown's language; else the browser's Accept-Language; else English. */
    lang: z.enum(['en', 'ja']).optional(),
  })
  .strict();

const correctionBody = z
  .object({
    start: z.string().datetime({
      offset: true,
      message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T02:00:00+09:00',
    }),
    end: z.string().datetime({
      offset: true,
      message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T04:00:00+09:00',
    }),
    rrule: z.string().max(255).optional(),
    reason: z.string().trim().min(1, 'must not be empty').max(2000),
  })
  .strict();

const isoTime = z.string().datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T02:00:00Z',
});

const impactQuery = z
  .object({ from: isoTime, to: isoTime })
  .strict()
  .refine(q => Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(q => Date.parse(q.to) - Date.parse(q.from) <= 31 * 86400_000, {
    message: 'the window may span 31 days at most',
    path: ['to'],
  });

const overrideBody = z
  .object({
    reason: z
      .string({ required_error: 'a reason is required to override the gate' })
      .trim()
      .min(1, 'a reason is required to override the gate')
      .max(2000),
  })
  .strict();

const correctionParams = z.object({
  id: z.string().uuid('must be a correction id (UUID)'),
});

/** Zod validation with a 400 naming each bad field (and no NUL characters in text). */
const parse = parseInput;

/** `/api/slo`: thin — validate, call the SLO service, answer. Every route needs a user or service token. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  slo: SloService;
  sync: DatadogSloSync;
  auditor: AuditorService;
  gateOverride: GateOverride;
}): Promise<express.Router> {
  const { httpAuth, permissions, slo, sync, auditor, gateOverride } = options;
  const router = Router();

  /** Runs a change and records it in the audit log, succeeded or failed. */
  const audited = async <T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    change: () => Promise<T>,
  ): Promise<T> => auditedChange(auditor, { request: req, eventId, meta }, change);

  router.use(express.json({ limit: '16kb' }));

  const credentialsOf = (req: express.Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Per endpoint and for the service: SLI, target, error budget, burn rates, alert state, policy. */
  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await slo.entitySlo(parse(entityParams, req.params, 'entity'), credentials));
  });

  /** Daily SLI and budget burn-down over the window. */
  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await slo.history(parse(entityParams, req.params, 'entity'), credentials));
  });

  /** The deploy gate: allowed or not, and why (not allowed while the budget is exhausted). */
  router.get('/entities/:kind/:namespace/:name/gate', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await slo.gate(parse(entityParams, req.params, 'entity'), credentials));
  });

  /**
   * Overrides the gate for one deploy (P0 or security fix): needs `slo.gate.override` on the entity
   * and a reason; answers allowed, with what the gate said. The audit log keeps actor, entity, reason.
   */
  router.post('/entities/:kind/:namespace/:name/gate/override', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = parse(entityParams, req.params, 'entity');
    const body = parse(overrideBody, req.body ?? {}, 'override');
    const entity = `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
    res.json(
      await auditedChange(
        auditor,
        { request: req, eventId: 'gate-override', meta: { entity, reason: body.reason } },
        () => gateOverride.override(ref, body, credentials),
        result => ({ actor: result.actor, gateDecision: result.gate.decision, gateReason: result.gate.reason }),
      ),
    );
  });

  /** What a window (an incident) cost the entity's SLO: bad requests, budget share, peak burn. */
  router.get('/entities/:kind/:namespace/:name/impact', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = parse(entityParams, req.params, 'entity');
    const q = parse(impactQuery, req.query, 'query');
    res.json(await slo.impact(ref, { from: Date.parse(q.from) / 1000, to: Date.parse(q.to) / 1000 }, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/corrections', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await slo.listCorrections(parse(entityParams, req.params, 'entity'), credentials));
  });

  router.post('/entities/:kind/:namespace/:name/corrections', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = parse(entityParams, req.params, 'entity');
    const body = parse(correctionBody, req.body ?? {}, 'correction');
    const created = await audited(
      req,
      'correction-create',
      { entity: `${ref.kind}:${ref.namespace}/${ref.name}` },
      () => slo.addCorrection(ref, body, credentials),
    );
    res.status(201).json(created);
  });

  router.delete('/corrections/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { id } = parse(correctionParams, req.params, 'correction id');
    await audited(req, 'correction-delete', { correctionId: id }, () => slo.deleteCorrection(id, credentials));
    res.status(204).end();
  });

  /** Every SLO of the fleet, least budget left and fastest burn first. */
  /** Dry run of the Datadog SLO sync: what would be created, updated, skipped, or is orphaned. */
  router.get('/datadog-sync', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await sync.plan(await slo.sloEntities(credentials)));
  });

  /** Applies the sync: creates and updates Datadog SLOs (permission `slo.datadog-sync.apply`). */
  router.post('/datadog-sync', async (req, res) => {
    const credentials = await credentialsOf(req);
    const [decision] = await permissions.authorize([{ permission: sloDatadogSyncPermission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not change Datadog SLOs');
    }
    const entities = await slo.sloEntities(credentials);
    res.json(await audited(req, 'datadog-sync-apply', { entities: entities.length }, () => sync.apply(entities)));
  });

  router.get('/fleet', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await slo.fleet(parse(fleetQuery, req.query, 'query'), credentials));
  });

  /** 12 weeks of weekly attainment per service, as JSON, Markdown or CSV. */
  router.get('/review/weekly', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { format, lang, ...filter } = parse(reviewQuery, req.query, 'query');
    const review = await slo.weeklyReview(filter, credentials);
    if (format === 'markdown') {
      res
        .type('text/markdown; charset=utf-8')
        .send(weeklyReviewMarkdown(review, lang ?? (req.acceptsLanguages('en', 'ja') === 'ja' ? 'ja' : 'en')));
    } else if (format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`slo-weekly-review-${review.weeks[review.weeks.length - 1] ?? 'empty'}.csv`)
        .send(weeklyReviewCsv(review));
    } else {
      res.json(review);
    }
  });

  return router;
}
