import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockErrorHandler, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { PortalAuditor } from './auditor/PortalAuditor';
import { AuditStore } from './database/AuditStore';
import { createRouter } from './service/router';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('audit log on %s', databaseId => {
  async function makeStore() {
    const knex = await databases.init(databaseId);
    return AuditStore.create({ database: mockServices.database({ knex }) });
  }

  it('stores finished changes with actor and request id, and not reads or initiated events', async () => {
    const store = await makeStore();
    const auditor = new PortalAuditor('prr', {
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/sato.yuki') }),
      logger: mockServices.logger.mock(),
      store,
    });
    const req = {
      method: 'POST',
      originalUrl: '/api/prr/reviews/r1/approve',
      headers: { 'x-request-id': 'req-42' },
    } as any;
    const approve = await auditor.createEvent({
      eventId: 'review-approve',
      severityLevel: 'medium',
      request: req,
      meta: { reviewId: 'r1' },
    });
    await approve.success({ meta: { status: 'approved' } });
    const failed = await auditor.createEvent({
      eventId: 'review-approve',
      severityLevel: 'medium',
      request: req,
      meta: { reviewId: 'r2' },
    });
    await failed.fail({ error: new Error('author cannot approve') });
    const read = await auditor.createEvent({ eventId: 'review-read', request: req });
    await read.success();

    const all = await store.list({ limit: 10 });
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      plugin: 'prr',
      eventId: 'review-approve',
      severity: 'medium',
      status: 'succeeded',
      actor: 'user:default/sato.yuki',
      requestId: 'req-42',
      request: { method: 'POST', url: '/api/prr/reviews/r1/approve' },
      meta: { reviewId: 'r1', status: 'approved' },
    });
    expect(all[0]).toMatchObject({ status: 'failed', error: 'author cannot approve', meta: { reviewId: 'r2' } });
    expect(await store.list({ limit: 10, status: 'failed' })).toHaveLength(1);
    expect(await store.list({ limit: 10, plugin: 'support' })).toHaveLength(0);
    expect(await store.list({ limit: 10, before: all[0].id })).toEqual([all[1]]);
  });

  it('names the caller of a change made without a request (an action over MCP) from its credentials', async () => {
    const store = await makeStore();
    const auditor = new PortalAuditor('slo', {
      auth: mockServices.auth({ pluginId: 'slo' }),
      httpAuth: mockServices.httpAuth(),
      logger: mockServices.logger.mock(),
      store,
    });
    // What infra-node's auditedChange passes for an action: the credentials instead of a request.
    const event = await auditor.createEvent({
      eventId: 'correction-create',
      severityLevel: 'medium',
      meta: { entity: 'component:default/search-service', via: 'action' },
      credentials: mockCredentials.user('user:default/guest'),
    } as Parameters<PortalAuditor['createEvent']>[0]);
    await event.success();
    // Without either, the plugin itself is the actor (a background task).
    const task = await auditor.createEvent({ eventId: 'refresh', severityLevel: 'medium' });
    await task.success();

    const [own, action] = await store.list({ limit: 10 });
    expect(action).toMatchObject({
      plugin: 'slo',
      eventId: 'correction-create',
      status: 'succeeded',
      actor: 'user:default/guest',
      meta: { entity: 'component:default/search-service', via: 'action' },
    });
    expect(action.request).toBeUndefined();
    expect(own.actor).toBe('plugin:slo');
  });
});

describe('GET /api/audit/events', () => {
  async function app(
    allowed: boolean,
    defaultCredentials: BackstageCredentials = mockCredentials.user('user:default/sato.yuki'),
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await AuditStore.create({ database: mockServices.database({ knex }) });
    await store.append({
      occurredAt: new Date().toISOString(),
      plugin: 'support',
      eventId: 'request-create',
      severity: 'medium',
      status: 'succeeded',
      actor: 'user:default/kato.minato',
    });
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }],
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials }),
      permissions,
      store,
    });
    return express().use(router).use(mockErrorHandler());
  }

  it('lists the log for a platform member', async () => {
    const res = await request(await app(true)).get('/events?plugin=support');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ eventId: 'request-create', actor: 'user:default/kato.minato' }),
    ]);
  });

  it('gives each record its summary as a code with parameters, next to the English sentence', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await AuditStore.create({ database: mockServices.database({ knex }) });
    const at = new Date().toISOString();
    const base = {
      occurredAt: at,
      severity: 'medium',
      status: 'succeeded' as const,
      actor: 'user:default/kato.minato',
    };
    await store.append({
      ...base,
      plugin: 'postmortem',
      eventId: 'postmortem-approve',
      meta: { postmortemId: 'pm-1' },
    });
    await store.append({
      ...base,
      plugin: 'support',
      eventId: 'support-request-comment',
      meta: { requestId: 7, internal: true },
    });
    await store.append({
      ...base,
      plugin: 'prr',
      eventId: 'prr-item-update',
      meta: { kind: 'Component', namespace: 'default', name: 'cart-service', itemId: 'runbook', state: 'done' },
    });
    await store.append({
      ...base,
      plugin: 'catalog',
      eventId: 'location-mutate',
      meta: { actionType: 'create', location: { type: 'url', target: 'https://example.com/catalog-info.yaml' } },
    });
    // Without the postmortem id its sentence would name: the change's id, not a guess.
    await store.append({ ...base, plugin: 'postmortem', eventId: 'postmortem-delete', status: 'failed', meta: {} });
    await store.append({ ...base, plugin: 'scaffolder', eventId: 'task', meta: {} });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/sato.yuki') }),
      permissions: mockServices.permissions.mock({ authorize: async () => [{ result: AuthorizeResult.ALLOW }] }),
      store,
    });
    const res = await request(express().use(router).use(mockErrorHandler())).get('/events');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: any) => ({ summary: i.summary, code: i.summaryCode, params: i.summaryParams })).reverse(),
    ).toEqual([
      { summary: 'Approved postmortem pm-1', code: 'postmortemApprove', params: { postmortem: 'pm-1' } },
      {
        summary: 'Wrote an internal note on support request #7',
        code: 'supportRequestInternalNote',
        params: { request: '7' },
      },
      {
        summary: 'Updated check runbook of component:default/cart-service',
        code: 'prrItemUpdate',
        params: { item: 'runbook', entity: 'component:default/cart-service' },
      },
      {
        summary: 'Registered the location https://example.com/catalog-info.yaml in the catalog',
        code: 'catalogLocationCreate',
        params: { location: 'https://example.com/catalog-info.yaml' },
      },
      {
        summary: 'postmortem-delete (postmortem)',
        code: 'other',
        params: { plugin: 'postmortem', eventId: 'postmortem-delete' },
      },
      { summary: 'task (scaffolder)', code: 'other', params: { plugin: 'scaffolder', eventId: 'task' } },
    ]);
    // The stored fields are unchanged.
    expect(res.body.items[0]).toMatchObject({ plugin: 'scaffolder', eventId: 'task', status: 'succeeded' });
  });

  it('refuses everyone else, the unauthenticated, and bad queries', async () => {
    expect((await request(await app(false)).get('/events')).status).toBe(403);
    expect((await request(await app(true, mockCredentials.none())).get('/events')).status).toBe(401);
    const bad = await request(await app(true)).get('/events?limit=9999');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
    expect((await request(await app(true)).get('/events?colour=red')).status).toBe(400);
  });
});
