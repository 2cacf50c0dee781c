import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { SimulatorContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../context';
import { Directory, type PdEscalationPolicy, type PdSchedule, type PdUser } from './directory';
import { EventsApi, unrecognized } from './events';
import { ACCOUNT_TIME_ZONE, DAY, isoTime } from './format';
import { IncidentStore, type Agent, type IncidentRecord, type LoggedStep } from './incidents';
import { LogEntryRenderer, isOverviewStep } from './logEntries';
import { PagerDutyError, Query, invalidInput, notFound, paginate, readPage, unauthorized } from './paging';

/** The documented `include[]` values of each operation (pagerduty-rest.json). */
const INCLUDES = {
  services: ['escalation_policies', 'teams', 'integrations', 'auto_pause_notifications_parameters'],
  incidents: [
    'acknowledgers',
    'agents',
    'assignees',
    'conference_bridge',
    'escalation_policies',
    'first_trigger_log_entries',
    'priorities',
    'services',
    'teams',
    'users',
  ],
  incident: [
    'acknowledgers',
    'agents',
    'assignees',
    'conference_bridge',
    'custom_fields',
    'escalation_policies',
    'first_trigger_log_entries',
    'priorities',
    'services',
    'teams',
    'users',
  ],
  logEntries: ['incidents', 'services', 'channels', 'teams'],
  oncalls: ['escalation_policies', 'users', 'schedules'],
  policies: ['services', 'teams', 'targets', 'escalation_rule_assignment_strategies'],
  schedules: ['schedule_layers', 'overrides_subschedule', 'final_schedule'],
  users: ['contact_methods', 'notification_rules', 'teams', 'subdomains', 'calendar_urls'],
} as const;

const STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
const URGENCIES = ['high', 'low'] as const;
const INCIDENT_SORT_FIELDS = ['incident_number', 'created_at', 'resolved_at', 'urgency'];
const NAME_SORTS = ['name', 'name:asc', 'name:desc'];
/** The longest range `GET /incidents` accepts (six months). */
const MAX_INCIDENT_RANGE = 184 * DAY;
/** On-call shifts are answered up to 90 days ahead. */
const ONCALL_HORIZON = 90 * DAY;
const SCHEDULE_DEFAULT_SPAN = 14 * DAY;

interface Reply {
  status?: number;
  body: unknown;
}

type Handler = (req: Request, q: Query) => Reply;

/**
 * Sends a body in PagerDuty's format. `self` links keep PagerDuty's own origin, as the real API
 * sends them (the documents require a public URL there, which a loopback address is not).
 */
function send(res: Response, status: number, body: unknown) {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function calendarMonthBefore(sec: number): number {
  const d = new Date(sec * 1000);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return Math.floor(d.getTime() / 1000);
}

const byName =
  <T extends { name: string }>(sort: string | undefined) =>
  (a: T, b: T) =>
    (sort === 'name:desc' ? -1 : 1) * a.name.localeCompare(b.name);

export function buildPagerDutyRouter(ctx: SimulatorContext): Router {
  const dir = new Directory(ctx.world);
  const store = new IncidentStore(ctx.world, dir, ctx.clock);
  const logs = new LogEntryRenderer(dir, store);
  const events = new EventsApi(dir, store, ctx.pagerDutyChanges);
  const router = Router();

  router.use(express.json({ type: () => true, limit: '512kb' }));

  // ------------------------------------------------------------------ Events API v2 (no token)
  router.post('/v2/enqueue', (req, res) => {
    const reply = events.enqueue(req.body);
    send(res, reply.status, reply.body);
  });
  router.post('/v2/change/enqueue', (req, res) => {
    const reply = events.change(req.body);
    send(res, reply.status, reply.body);
  });

  // ------------------------------------------------------------------ REST API v2
  router.use((req, res, next) => {
    if (req.path.startsWith('/v2/')) {
      next();
      return;
    }
    const auth = req.get('authorization') ?? '';
    const m = /^Token token=(.+)$/.exec(auth.trim());
    if (!m || m[1] !== SANDBOX_CREDENTIALS.pagerdutyToken) {
      const err = unauthorized();
      send(res, err.status, err.body);
      return;
    }
    next();
  });

  const route = (handler: Handler) => (req: Request, res: Response) => {
    try {
      store.sync();
      const reply = handler(req, new Query(req.url));
      send(res, reply.status ?? 200, reply.body);
    } catch (e) {
      if (e instanceof PagerDutyError) send(res, e.status, e.body);
      else throw e;
    }
  };

  const stats = (id: string) => store.serviceStats(id);
  const incidentOr404 = (id: string) => {
    const rec = store.get(id);
    if (!rec) throw notFound();
    return rec;
  };
  const renderIncident = (rec: IncidentRecord, tz: string, include: string[]) =>
    store.renderIncident(rec, tz, include, (r: IncidentRecord, s: LoggedStep) => logs.render(r, s, tz));

  /** The `From` header of write operations: the email address of a user of the account. */
  const requester = (req: Request): PdUser => {
    const from = req.get('from');
    if (!from) throw invalidInput('The From header is required: the email address of a valid user of this account');
    const user = dir.userByEmailAddress(from);
    if (!user) throw invalidInput(`The From header (${from}) is not the email address of a user of this account`);
    return user;
  };

  // ---- services
  router.get(
    '/services',
    route((_req, q) => {
      const tz = q.timeZone('UTC');
      const include = q.enumList('include', INCLUDES.services);
      const sort = q.string('sort_by');
      if (sort !== undefined && !NAME_SORTS.includes(sort))
        throw invalidInput(`sort_by must be one of ${NAME_SORTS.join(', ')}`);
      const query = q.string('query')?.toLowerCase();
      const name = q.string('name');
      const teamIds = q.list('team_ids');
      const page = readPage(q);
      const services = dir.services
        .filter(s => !query || s.name.toLowerCase().includes(query))
        .filter(s => name === undefined || s.name === name)
        .filter(s => !teamIds.length || teamIds.includes(s.teamId))
        .sort(byName(sort));
      return { body: paginate('services', services, page, s => dir.renderService(s, stats(s.id), tz, include)) };
    }),
  );

  router.get(
    '/services/:id',
    route((req, q) => {
      const tz = q.timeZone('UTC');
      const include = q.enumList('include', INCLUDES.services);
      const s = dir.service(req.params.id);
      if (!s) throw notFound();
      return { body: { service: dir.renderService(s, stats(s.id), tz, include) } };
    }),
  );

  // ---- incidents
  router.get(
    '/incidents',
    route((_req, q) => {
      const tz = q.timeZone('UTC');
      const include = q.enumList('include', INCLUDES.incidents);
      const statuses = q.enumList('statuses', STATUSES);
      const urgencies = q.enumList('urgencies', URGENCIES);
      const serviceIds = q.list('service_ids');
      const teamIds = q.list('team_ids');
      const userIds = q.list('user_ids');
      const incidentKey = q.string('incident_key');
      const dateRange = q.string('date_range');
      if (dateRange !== undefined && dateRange !== 'all') throw invalidInput('date_range must be "all"');
      let since = q.time('since');
      let until = q.time('until');
      if (dateRange === 'all') {
        since = undefined;
        until = undefined;
      } else {
        // Without `until` the range runs up to now, including what was created this second.
        until ??= store.now() + 1;
        since ??= calendarMonthBefore(until);
        if (until < since) throw invalidInput('Until must be after Since');
        if (until - since > MAX_INCIDENT_RANGE) throw invalidInput('The date range may not be longer than 6 months');
      }
      const sortBy = (q.string('sort_by') ?? 'created_at').split(',').filter(Boolean);
      if (sortBy.length > 2) throw invalidInput('sort_by takes at most two fields');
      const sorts = sortBy.map(s => {
        const [field, direction = 'asc'] = s.split(':');
        if (!INCIDENT_SORT_FIELDS.includes(field) || !['asc', 'desc'].includes(direction)) {
          throw invalidInput(
            `sort_by "${s}" is invalid: use one of ${INCIDENT_SORT_FIELDS.join(', ')} with :asc or :desc`,
          );
        }
        return { field, sign: direction === 'desc' ? -1 : 1 };
      });
      const page = readPage(q);
      const rows = store
        .list()
        .filter(r => since === undefined || r.createdAt >= since)
        .filter(r => until === undefined || r.createdAt < until)
        .filter(r => !serviceIds.length || serviceIds.includes(r.serviceId))
        .filter(r => !teamIds.length || teamIds.includes(dir.service(r.serviceId)!.teamId))
        .filter(r => incidentKey === undefined || r.incidentKey === incidentKey)
        .map(r => ({ r, st: store.state(r) }))
        .filter(({ st }) => !statuses.length || statuses.includes(st.status))
        .filter(({ st }) => !urgencies.length || urgencies.includes(st.urgency))
        .filter(({ st }) => !userIds.length || st.assignments.some(a => userIds.includes(a.userId)));
      const key = (row: (typeof rows)[number], field: string): number => {
        if (field === 'incident_number') return row.r.number;
        if (field === 'created_at') return row.r.createdAt;
        if (field === 'resolved_at') return row.st.resolvedAt ?? Number.MAX_SAFE_INTEGER;
        return row.st.urgency === 'high' ? 1 : 0;
      };
      rows.sort((a, b) => {
        for (const s of sorts) {
          const d = key(a, s.field) - key(b, s.field);
          if (d) return s.sign * d;
        }
        return a.r.number - b.r.number;
      });
      return { body: paginate('incidents', rows, page, ({ r }) => renderIncident(r, tz, include)) };
    }),
  );

  router.get(
    '/incidents/:id',
    route((req, q) => {
      const tz = q.timeZone('UTC');
      const include = q.enumList('include', INCLUDES.incident);
      return { body: { incident: renderIncident(incidentOr404(req.params.id), tz, include) } };
    }),
  );

  router.put(
    '/incidents/:id',
    route(req => {
      const rec = incidentOr404(req.params.id);
      const user = requester(req);
      const body = req.body as { incident?: Record<string, unknown> } | undefined;
      const inc = body?.incident;
      if (!inc || typeof inc !== 'object') throw invalidInput('incident is required');
      if (inc.type !== 'incident' && inc.type !== 'incident_reference') {
        throw invalidInput('incident.type must be "incident" or "incident_reference"');
      }
      const agent: Agent = { kind: 'user', id: user.id };
      const channel = { type: 'api' };
      const { status, title, urgency, priority, resolution, escalation_level: level } = inc;
      if (status !== undefined && !STATUSES.includes(status as never)) throw invalidInput('incident.status is invalid');
      if (urgency !== undefined && !URGENCIES.includes(urgency as never))
        throw invalidInput('incident.urgency is invalid');
      if (title !== undefined && (typeof title !== 'string' || !title.trim()))
        throw invalidInput('incident.title must be a non-empty string');
      if (resolution !== undefined && typeof resolution !== 'string')
        throw invalidInput('incident.resolution must be a string');
      let priorityId: string | undefined;
      if (priority !== undefined && priority !== null) {
        let p: ReturnType<typeof dir.priority> | undefined;
        if (typeof priority === 'string') p = dir.priorityNamed(priority);
        else if (typeof priority === 'object' && typeof (priority as { id?: unknown }).id === 'string') {
          p = dir.priority((priority as { id: string }).id);
        }
        if (!p) throw invalidInput('incident.priority is not a priority of this account');
        priorityId = p.id;
      }
      const current = store.state(rec).status;
      if (level !== undefined) {
        const policy = dir.policy(dir.service(rec.serviceId)!.escalationPolicyId)!;
        if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > policy.rules.length) {
          throw invalidInput(`incident.escalation_level must be between 1 and ${policy.rules.length}`);
        }
        if (current === 'resolved') throw invalidInput('Incident Already Resolved');
      }
      if (status === 'acknowledged' && current === 'resolved') throw invalidInput('Incident Already Resolved');
      if (status === 'resolved' && current === 'resolved') throw invalidInput('Incident Already Resolved');

      if (typeof title === 'string') rec.title = title.trim();
      if (priorityId) rec.priorityId = priorityId;
      if (urgency === 'high' || urgency === 'low') store.changeUrgency(rec, urgency, agent);
      if (typeof level === 'number') store.escalate(rec, level, agent);
      if (status === 'acknowledged') store.acknowledge(rec, agent, channel);
      if (status === 'resolved') store.resolve(rec, agent, channel, resolution as string | undefined);
      if (status === 'triggered' && current !== 'triggered') store.retrigger(rec, agent, channel);
      return { body: { incident: renderIncident(rec, 'UTC', []) } };
    }),
  );

  router.get(
    '/incidents/:id/log_entries',
    route((req, q) => {
      const rec = incidentOr404(req.params.id);
      const tz = q.timeZone('UTC');
      const include = q.enumList('include', INCLUDES.logEntries);
      const overview = q.bool('is_overview') ?? false;
      const since = q.time('since');
      const until = q.time('until');
      const page = readPage(q);
      const entries = store
        .state(rec)
        .visible.filter(s => !overview || isOverviewStep(s))
        .filter(s => since === undefined || s.at >= since)
        .filter(s => until === undefined || s.at < until)
        // Newest first, as PagerDuty lists an incident's log.
        .sort((a, b) => b.at - a.at || b.seq - a.seq);
      return { body: paginate('log_entries', entries, page, s => logs.render(rec, s, tz, include)) };
    }),
  );

  router.get(
    '/incidents/:id/notes',
    route((req, q) => {
      const rec = incidentOr404(req.params.id);
      const tz = q.timeZone('UTC');
      const notes = store
        .state(rec)
        .visible.filter((s): s is LoggedStep & { kind: 'annotate' } => s.kind === 'annotate');
      return { body: { notes: notes.map(s => store.renderNote(rec, s, tz)) } };
    }),
  );

  router.post(
    '/incidents/:id/notes',
    route(req => {
      const rec = incidentOr404(req.params.id);
      const user = requester(req);
      const content = (req.body as { note?: { content?: unknown } } | undefined)?.note?.content;
      if (typeof content !== 'string' || !content.trim()) throw invalidInput('note.content is required');
      if (content.length > 25000) throw invalidInput('note.content is too long (maximum is 25000 characters)');
      const step = store.addNote(rec, user.id, content) as LoggedStep & { kind: 'annotate' };
      return { body: { note: store.renderNote(rec, step, 'UTC') } };
    }),
  );

  // ---- on-calls
  router.get(
    '/oncalls',
    route((_req, q) => {
      const tz = q.timeZone(ACCOUNT_TIME_ZONE);
      const include = q.enumList('include', INCLUDES.oncalls);
      const policyIds = q.list('escalation_policy_ids');
      const scheduleIds = q.list('schedule_ids');
      const userIds = q.list('user_ids');
      const earliest = q.bool('earliest') ?? false;
      const now = store.now();
      const sinceParam = q.time('since');
      const untilParam = q.time('until');
      const since = sinceParam ?? now;
      let until = untilParam ?? (sinceParam !== undefined ? sinceParam : now);
      if (until < since) throw invalidInput('Until cannot be before Since');
      until = Math.min(until, now + ONCALL_HORIZON);
      const page = readPage(q);

      type Row = {
        policy: PdEscalationPolicy;
        level: number;
        userId: string;
        schedule?: PdSchedule;
        start?: number;
        end?: number;
      };
      const listed: Row[] = [];
      const policies = [...dir.escalationPolicies].sort(byName(undefined));
      for (const policy of policies) {
        if (policyIds.length && !policyIds.includes(policy.id)) continue;
        policy.rules.forEach((rule, i) => {
          const level = i + 1;
          if (rule.target.kind === 'user') {
            if (scheduleIds.length) return;
            listed.push({ policy, level, userId: rule.target.id });
            return;
          }
          const schedule = dir.schedule(rule.target.id)!;
          if (scheduleIds.length && !scheduleIds.includes(schedule.id)) return;
          for (const shift of dir.shifts(schedule, since, until)) {
            listed.push({ policy, level, userId: shift.userId, schedule, start: shift.start, end: shift.end });
          }
        });
      }
      let rows = listed;
      if (userIds.length) rows = rows.filter(r => userIds.includes(r.userId));
      if (earliest) {
        const seen = new Set<string>();
        rows = rows.filter(r => {
          const k = `${r.policy.id}/${r.level}/${r.userId}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      }
      return {
        body: paginate('oncalls', rows, page, r => ({
          escalation_policy: include.includes('escalation_policies')
            ? dir.renderPolicy(r.policy)
            : dir.policyRef(r.policy),
          escalation_level: r.level,
          // A user named directly on a level is on call permanently: no schedule, no shift bounds.
          ...(r.schedule
            ? {
                schedule: include.includes('schedules')
                  ? dir.renderSchedule(r.schedule, { tz })
                  : dir.scheduleRef(r.schedule),
              }
            : {}),
          user: include.includes('users') ? dir.renderUser(dir.user(r.userId)!) : dir.userRef(dir.user(r.userId)!),
          ...(r.start !== undefined ? { start: isoTime(r.start, tz), end: isoTime(r.end!, tz) } : {}),
        })),
      };
    }),
  );

  // ---- escalation policies
  router.get(
    '/escalation_policies',
    route((_req, q) => {
      const include = q.enumList('include', INCLUDES.policies);
      const sort = q.string('sort_by');
      if (sort !== undefined && !NAME_SORTS.includes(sort))
        throw invalidInput(`sort_by must be one of ${NAME_SORTS.join(', ')}`);
      const query = q.string('query')?.toLowerCase();
      const teamIds = q.list('team_ids');
      const userIds = q.list('user_ids');
      const page = readPage(q);
      const involves = (p: PdEscalationPolicy, userId: string) =>
        p.rules.some(r =>
          r.target.kind === 'user' ? r.target.id === userId : dir.schedule(r.target.id)?.userIds.includes(userId),
        );
      const policies = dir.escalationPolicies
        .filter(p => !query || p.name.toLowerCase().includes(query))
        .filter(p => !teamIds.length || teamIds.includes(p.teamId))
        .filter(p => !userIds.length || userIds.some(u => involves(p, u)))
        .sort(byName(sort));
      return {
        body: paginate('escalation_policies', policies, page, p => dir.renderPolicy(p, include, s => stats(s.id))),
      };
    }),
  );

  router.get(
    '/escalation_policies/:id',
    route((req, q) => {
      const include = q.enumList('include', INCLUDES.policies);
      const p = dir.policy(req.params.id);
      if (!p) throw notFound();
      return { body: { escalation_policy: dir.renderPolicy(p, include, s => stats(s.id)) } };
    }),
  );

  // ---- schedules
  const scheduleRange = (q: Query) => {
    let since = q.time('since');
    let until = q.time('until');
    if (since !== undefined && until === undefined) until = since + SCHEDULE_DEFAULT_SPAN;
    if (until !== undefined && since === undefined) since = until - SCHEDULE_DEFAULT_SPAN;
    if (since !== undefined && until !== undefined && until < since) throw invalidInput('Until cannot be before Since');
    return { since, until };
  };
  const nextOnCall = (s: PdSchedule, userId: string | undefined, tz: string) => {
    if (!userId) return {};
    const user = dir.user(userId);
    if (!user) throw invalidInput(`include_next_oncall_for_user: ${userId} is not a user of this account`);
    const found = dir
      .shifts(s, store.now(), store.now() + s.userIds.length * s.turnSeconds)
      .find(x => x.userId === userId);
    return {
      next_oncall_for_user: found
        ? { start: isoTime(found.start, tz), end: isoTime(found.end, tz), user: dir.userRef(user) }
        : { user: dir.userRef(user) },
    };
  };

  router.get(
    '/schedules',
    route((_req, q) => {
      const tz = q.timeZone(ACCOUNT_TIME_ZONE);
      const include = q.enumList('include', INCLUDES.schedules);
      const query = q.string('query')?.toLowerCase();
      const teamIds = q.list('team_ids');
      const { since, until } = scheduleRange(q);
      const nextFor = q.string('include_next_oncall_for_user');
      const page = readPage(q);
      const schedules = dir.schedules
        .filter(s => !query || s.name.toLowerCase().includes(query))
        .filter(s => !teamIds.length || teamIds.includes(s.teamId))
        .sort(byName(undefined));
      return {
        body: paginate('schedules', schedules, page, s => ({
          ...dir.renderSchedule(s, { tz, since, until, include }),
          ...nextOnCall(s, nextFor, tz),
        })),
      };
    }),
  );

  router.get(
    '/schedules/:id',
    route((req, q) => {
      const s = dir.schedule(req.params.id);
      if (!s) throw notFound();
      const tz = q.timeZone(ACCOUNT_TIME_ZONE);
      const { since, until } = scheduleRange(q);
      const overflow = q.bool('overflow') ?? false;
      const nextFor = q.string('include_next_oncall_for_user');
      return {
        body: {
          schedule: {
            ...dir.renderSchedule(s, { tz, since, until, overflow, detail: true }),
            ...nextOnCall(s, nextFor, tz),
          },
        },
      };
    }),
  );

  // ---- users and priorities
  router.get(
    '/users/me',
    route((_req, q) => {
      const include = q.enumList('include', INCLUDES.users);
      return { body: { user: dir.renderUser(dir.me, include) } };
    }),
  );

  router.get(
    '/users/:id',
    route((req, q) => {
      const include = q.enumList('include', INCLUDES.users);
      const user = dir.user(req.params.id);
      if (!user) throw notFound();
      return { body: { user: dir.renderUser(user, include) } };
    }),
  );

  router.get(
    '/priorities',
    route((_req, q) => {
      const page = readPage(q);
      return { body: paginate('priorities', dir.priorities, page, p => dir.renderPriority(p)) };
    }),
  );

  router.use((_req, res) => {
    const err = notFound();
    send(res, err.status, err.body);
  });

  // Unparsable bodies and other errors, in the format of the API that was called.
  router.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const parseError = err.type === 'entity.parse.failed' || err.status === 400;
    if (req.path.startsWith('/v2/')) {
      const reply = parseError ? unrecognized() : { status: 500, body: { status: 'error', message: 'Internal error' } };
      send(res, reply.status, reply.body);
      return;
    }
    if (err.type === 'entity.too.large') {
      send(res, 413, { error: { message: 'Request Entity Too Large', code: 2001 } });
      return;
    }
    const e = parseError
      ? invalidInput('The request body is not valid JSON')
      : new PagerDutyError(500, 'Internal Server Error', 2000);
    send(res, e.status, e.body);
  });

  return router;
}
