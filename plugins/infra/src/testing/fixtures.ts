import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  EntityKubernetes,
  EntityOverview,
  Freshness,
  TeamSummary,
  WorkloadSummary,
} from '@internal/plugin-infra-common';

/** Test data shaped like the backend's answers (plugins/infra-common/src/types.ts). */

export const NOW = Date.now();
export const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
export const minutesAhead = (m: number) => new Date(NOW + m * 60_000).toISOString();

export const fresh: Freshness = {
  state: 'fresh',
  fetchedAt: minutesAgo(0),
  ageSeconds: 3,
};

export const cartEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cart',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'cart',
      'pagerduty.com/service-id': 'PCART01',
      'datadoghq.com/service-name': 'cart',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-checkout',
  },
};

export const teamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export const crashingWorkload: WorkloadSummary = {
  kind: 'Deployment',
  name: 'cart',
  namespace: 'shop',
  desiredReplicas: 3,
  readyReplicas: 2,
  updatedReplicas: 3,
  availableReplicas: 2,
  restarts: 14,
  rolloutInProgress: false,
  images: ['registry.example.com/cart:1.4.2'],
  hpa: { minReplicas: 2, maxReplicas: 6, currentReplicas: 3, atMax: false },
  pods: [
    {
      name: 'cart-7d9f8-abcde',
      phase: 'Running',
      ready: false,
      restarts: 14,
      node: 'node-a',
      waitingReason: 'CrashLoopBackOff',
      lastTerminationReason: 'Error',
    },
  ],
  problems: [
    {
      code: 'CrashLoopBackOff',
      pod: 'cart-7d9f8-abcde',
      container: 'app',
      detail: 'back-off 5m0s restarting failed container',
    },
  ],
};

export function overview(parts: Partial<EntityOverview> = {}): EntityOverview {
  return {
    entityRef: 'component:default/cart',
    sandbox: true,
    generatedAt: minutesAgo(0),
    kubernetes: {
      freshness: fresh,
      data: {
        clusters: [
          {
            cluster: 'aws-tokyo',
            freshness: fresh,
            workloads: [crashingWorkload],
          },
        ],
      },
    },
    oncall: {
      freshness: fresh,
      data: [
        {
          escalationPolicy: {
            id: 'EP1',
            name: 'Checkout escalation',
            url: 'https://pd.example/ep/EP1',
          },
          level: 2,
          user: { id: 'U2', name: 'Bob Secondary', email: 'bob@example.com' },
          end: minutesAhead(600),
        },
        {
          escalationPolicy: {
            id: 'EP1',
            name: 'Checkout escalation',
            url: 'https://pd.example/ep/EP1',
          },
          level: 3,
          user: { id: 'U3', name: 'Carol Manager', email: 'carol@example.com' },
        },
        {
          escalationPolicy: {
            id: 'EP1',
            name: 'Checkout escalation',
            url: 'https://pd.example/ep/EP1',
          },
          level: 1,
          user: { id: 'U1', name: 'Alice Primary', email: 'alice@example.com' },
          schedule: { id: 'S1', name: 'Checkout primary' },
          end: minutesAhead(180),
        },
      ],
    },
    incidents: {
      freshness: fresh,
      data: {
        open: [
          {
            id: 'I1',
            number: 42,
            title: 'Checkout error rate above 5%',
            status: 'triggered',
            urgency: 'high',
            serviceId: 'PCART01',
            serviceName: 'cart',
            createdAt: minutesAgo(5),
            url: 'https://pd.example/incidents/I1',
            assignees: ['Alice Primary'],
          },
          {
            id: 'I2',
            number: 41,
            title: 'Slow cart responses',
            status: 'acknowledged',
            urgency: 'low',
            serviceId: 'PCART01',
            createdAt: minutesAgo(90),
            assignees: [],
          },
        ],
        recent: [
          {
            id: 'I0',
            number: 40,
            title: 'Cart pods restarting',
            status: 'resolved',
            urgency: 'high',
            serviceId: 'PCART01',
            createdAt: minutesAgo(600),
            resolvedAt: minutesAgo(120),
            assignees: ['Bob Secondary'],
          },
        ],
      },
    },
    monitors: {
      freshness: fresh,
      data: [
        {
          id: 1,
          name: 'cart latency p99',
          type: 'metric alert',
          state: 'OK',
          tags: [],
          url: 'https://dd.example/m/1',
        },
        {
          id: 2,
          name: 'cart error rate',
          type: 'metric alert',
          state: 'Alert',
          tags: [],
          url: 'https://dd.example/m/2',
        },
        {
          id: 3,
          name: 'cart restarts',
          type: 'metric alert',
          state: 'Warn',
          tags: [],
        },
        {
          id: 4,
          name: 'cart queue depth',
          type: 'metric alert',
          state: 'No Data',
          tags: [],
        },
      ],
    },
    deploys: {
      freshness: fresh,
      data: [
        {
          id: 'E1',
          title: 'Deployed cart 1.4.1',
          at: minutesAgo(3000),
          version: '1.4.1',
          cluster: 'aws-tokyo',
        },
        {
          id: 'E2',
          title: 'Deployed cart 1.4.2',
          at: minutesAgo(30),
          version: '1.4.2',
          cluster: 'aws-tokyo',
        },
      ],
    },
    ...parts,
  };
}

export function clusterDetail(parts: Partial<ClusterDetail> = {}): ClusterDetail {
  return {
    cluster: 'aws-tokyo',
    freshness: fresh,
    consoleUrl: 'https://console.example/aws-tokyo',
    workloads: [
      {
        ...crashingWorkload,
        rollouts: [
          {
            replicaSet: 'cart-7d9f8',
            revision: '7',
            images: ['registry.example.com/cart:1.4.2'],
            replicas: 3,
            createdAt: minutesAgo(30),
          },
        ],
      },
    ],
    pods: [
      {
        name: 'cart-7d9f8-abcde',
        namespace: 'shop',
        phase: 'Running',
        ready: false,
        restarts: 14,
        node: 'node-a',
        startedAt: minutesAgo(30),
        waitingReason: 'CrashLoopBackOff',
        lastTerminationReason: 'Error',
        containers: [
          {
            name: 'app',
            image: 'registry.example.com/cart:1.4.2',
            ready: false,
            restarts: 14,
            state: 'waiting',
            waitingReason: 'CrashLoopBackOff',
          },
        ],
      },
    ],
    hpas: [
      {
        name: 'cart',
        target: 'Deployment/cart',
        minReplicas: 2,
        maxReplicas: 6,
        currentReplicas: 3,
        cpuUtilization: 85,
        cpuTarget: 70,
      },
    ],
    pdbs: [
      {
        name: 'cart',
        minAvailable: 1,
        disruptionsAllowed: 1,
        currentHealthy: 2,
        desiredHealthy: 1,
      },
    ],
    services: [
      {
        name: 'cart',
        type: 'ClusterIP',
        clusterIP: '10.0.0.12',
        ports: ['80/TCP'],
      },
    ],
    ingresses: [{ name: 'cart', hosts: ['cart.example.com'], paths: ['/'] }],
    events: [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Image pulled',
        object: 'Pod/cart-7d9f8-abcde',
        count: 1,
        lastSeen: minutesAgo(1),
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        object: 'Pod/cart-7d9f8-abcde',
        count: 14,
        lastSeen: minutesAgo(2),
      },
    ],
    ...parts,
  };
}

export function entityKubernetes(clusters: ClusterDetail[] = [clusterDetail()]): EntityKubernetes {
  return {
    entityRef: 'component:default/cart',
    sandbox: true,
    freshness: fresh,
    clusters,
  };
}

export function teamSummary(parts: Partial<TeamSummary> = {}): TeamSummary {
  const o = overview();
  return {
    entityRef: 'group:default/team-checkout',
    sandbox: true,
    generatedAt: minutesAgo(0),
    freshness: { kubernetes: fresh, datadog: fresh, pagerduty: fresh },
    services: [
      {
        entityRef: 'component:default/cart',
        name: 'cart',
        title: 'Cart service',
        type: 'service',
        health: 'critical',
        readyReplicas: 2,
        desiredReplicas: 3,
        problems: ['CrashLoopBackOff'],
        openIncidents: 2,
        alertingMonitors: 1,
      },
      {
        entityRef: 'component:default/search',
        name: 'search',
        health: 'ok',
        readyReplicas: 4,
        desiredReplicas: 4,
        problems: [],
        openIncidents: 0,
        alertingMonitors: 0,
      },
    ],
    oncall: o.oncall.data!,
    openIncidents: o.incidents.data!.open,
    ...parts,
  };
}
