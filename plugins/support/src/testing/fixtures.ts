import type { RequestType, SlaClock, SupportApi, SupportRequestSummary } from './types';

const l = (en: string, ja = en) => ({ en, ja });

export const accessType: RequestType = {
  id: 'access',
  title: l('Access and permissions', 'アクセス・権限'),
  description: l('Access'),
  defaultPriority: 'P3',
  fields: [{ id: 'who', label: l('For whom'), kind: 'text', required: true }],
  sla: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 540 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
    P4: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
  },
};

export function clock(kind: SlaClock['kind'], state: SlaClock['state'], extra: Partial<SlaClock> = {}): SlaClock {
  return { kind, targetMinutes: 240, elapsedMinutes: 200, remainingMinutes: 40, state, paused: false, ...extra };
}

export function summary(id: number, extra: Partial<SupportRequestSummary> = {}): SupportRequestSummary {
  return {
    id,
    type: 'access',
    title: `Request ${id}`,
    status: 'new',
    priority: 'P3',
    entityRef: 'component:default/cart-service',
    requester: 'user:default/tanaka.ren',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    sla: { firstResponse: clock('first_response', 'ok'), resolution: clock('resolution', 'ok') },
    ...extra,
  };
}

export function fakeSupportApi(overrides: Partial<SupportApi> = {}): SupportApi {
  return {
    me: async () => ({ userEntityRef: 'user:default/guest', triage: true }),
    types: async () => [accessType],
    list: async () => ({ items: [], total: 0, offset: 0, limit: 50 }),
    get: async () => {
      throw new Error('not used');
    },
    create: async () => {
      throw new Error('not used');
    },
    update: async () => ({} as any),
    comment: async () => ({} as any),
    analytics: async () => ({} as any),
    ...overrides,
  };
}
