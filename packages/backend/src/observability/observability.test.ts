import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerService } from '@backstage/backend-plugin-api';
import express from 'express';
import request from 'supertest';
import { PortalMetrics } from './metrics';
import { pluginOf, requestContext } from './requestContext';
import { instrumentScheduler } from './scheduler';

const upstream = (name: string, breaker: 'closed' | 'open' | 'half-open', calls: number) => ({
  name,
  source: 'kubernetes' as const,
  status: 'healthy' as const,
  breaker,
  calls,
  failures: 1,
  lastLatencyMs: 120,
  cache: { hits: 40, misses: 4, staleServed: 2, hitRatio: 0.9 },
});

describe('Prometheus metrics', () => {
  it('exports upstream calls, cache hits and breaker states as they are at scrape time', async () => {
    const metrics = new PortalMetrics();
    let calls = 3;
    metrics.observeUpstreams(() => [upstream('kubernetes/aws-tokyo', 'closed', calls), upstream('datadog', 'open', 9)]);
    let text = await metrics.registry.metrics();
    expect(text).toContain('portal_upstream_calls{upstream="kubernetes/aws-tokyo",source="kubernetes"} 3');
    expect(text).toContain('portal_upstream_breaker_state{upstream="datadog",source="kubernetes"} 2');
    expect(text).toContain('portal_upstream_cache_hits{upstream="datadog",source="kubernetes"} 40');
    expect(text).toContain('portal_upstream_last_latency_seconds{upstream="datadog",source="kubernetes"} 0.12');
    calls = 7;
    text = await metrics.registry.metrics();
    expect(text).toContain('portal_upstream_calls{upstream="kubernetes/aws-tokyo",source="kubernetes"} 7');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('gives every request an id, counts it by plugin and status class, and logs it without the query', async () => {
    const metrics = new PortalMetrics();
    const logger = mockServices.logger.mock();
    const child = mockServices.logger.mock();
    logger.child.mockReturnValue(child);
    const app = express()
      .use(requestContext({ logger, metrics }))
      .get('/api/slo/fleet', (req, res) => res.json({ id: req.headers['x-request-id'] }))
      .get('/api/support/requests/:id', (_req, res) => res.status(404).end());

    const own = await request(app).get('/api/slo/fleet?token=secret-value').set('x-request-id', 'ci-run-17');
    expect(own.headers['x-request-id']).toBe('ci-run-17');
    expect(own.body.id).toBe('ci-run-17');
    const made = await request(app).get('/api/slo/fleet').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await request(app).get('/api/support/requests/9');

    const text = await metrics.registry.metrics();
    expect(text).toContain('portal_http_requests_total{plugin="slo",method="GET",status="2xx"} 2');
    expect(text).toContain('portal_http_requests_total{plugin="support",method="GET",status="4xx"} 1');
    expect(text).toContain('portal_http_request_duration_seconds_count{plugin="slo",method="GET"} 2');
    const logged = child.info.mock.calls.map(c => [c[0], c[1]]);
    expect(logged[0][0]).toMatch(/^GET \/api\/slo\/fleet 200 \d+ms$/);
    expect(logged[0][1]).toMatchObject({ requestId: 'ci-run-17', path: '/api/slo/fleet', status: 200, plugin: 'slo' });
    expect(JSON.stringify(logged)).not.toContain('secret-value');
  });

  it('names the plugin of a path with bounded labels', () => {
    expect(pluginOf('/api/postmortem/postmortems/12')).toBe('postmortem');
    expect(pluginOf('/.backstage/health/v1/readiness')).toBe('backstage');
    expect(pluginOf('/catalog/component/default/x')).toBe('other');
  });

  it('counts scheduled task runs and failures in this process', async () => {
    const metrics = new PortalMetrics();
    const scheduled: Array<{ id: string; fn: () => Promise<void> }> = [];
    const inner = {
      scheduleTask: async (task: any) => {
        scheduled.push(task);
      },
      createScheduledTaskRunner: () => ({ run: async (task: any) => void scheduled.push(task) }),
      triggerTask: async () => {},
      cancelTask: async () => {},
      getScheduledTasks: async () => [],
    } as unknown as SchedulerService;
    const logger = mockServices.logger.mock();
    const scheduler = instrumentScheduler(inner, 'prr', logger, metrics);
    await scheduler.scheduleTask({
      id: 'prr-evaluate',
      frequency: { minutes: 5 },
      timeout: { minutes: 1 },
      fn: async () => {},
    });
    await scheduler.createScheduledTaskRunner({ frequency: { minutes: 1 }, timeout: { minutes: 1 } }).run({
      id: 'prr-broken',
      fn: async () => {
        throw new Error('boom');
      },
    });
    await scheduled[0].fn();
    await scheduled[0].fn();
    await expect(scheduled[1].fn()).rejects.toThrow('boom');
    const text = await metrics.registry.metrics();
    expect(text).toContain('portal_scheduled_task_runs_total{plugin="prr",task="prr-evaluate",outcome="succeeded"} 2');
    expect(text).toContain('portal_scheduled_task_runs_total{plugin="prr",task="prr-broken",outcome="failed"} 1');
  });
});
