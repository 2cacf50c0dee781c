import { ipIn, pick, sha256, uidFor } from './ids';
import { objectMeta, type KubeObject } from './meta';
import type { ClusterModel, WorkloadModel } from './model';

/** core/v1 Services and networking.k8s.io/v1 Ingresses in front of the catalog workloads. */

/** The Service CIDRs: EKS defaults to 172.20.0.0/16; this GKE cluster uses 10.112.0.0/20. */
function clusterIpOf(model: ClusterModel, workload: WorkloadModel): string {
  return model.cluster.provider === 'aws'
    ? ipIn('172.20', 0, 255, model.cluster.name, workload.namespace, workload.name)
    : ipIn('10.112', 0, 15, model.cluster.name, workload.namespace, workload.name);
}

export function serviceOf(model: ClusterModel, workload: WorkloadModel): KubeObject {
  // A StatefulSet's governing Service is headless: DNS names per pod, no virtual IP.
  const headless = workload.kind === 'StatefulSet';
  const clusterIP = headless ? 'None' : clusterIpOf(model, workload);
  const ports = workload.container.ports.map(p => ({
    name: p.name,
    protocol: 'TCP',
    port: p.name === 'http' ? 80 : p.containerPort,
    targetPort: p.name,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(model.cluster.name, 'Service', {
      name: workload.name,
      namespace: workload.namespace,
      uid: uidFor(model.cluster.name, 'Service', workload.namespace, workload.name),
      created: workload.created - pick(5, 60, workload.name, 'svc-lead'),
      labels: workload.labels,
    }),
    spec: {
      ports,
      selector: { ...workload.selector },
      clusterIP,
      clusterIPs: [clusterIP],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

export function ingressHost(workload: WorkloadModel): string {
  return `${workload.name}.example.com`;
}

/**
 * An internet-facing Ingress: the AWS Load Balancer Controller (class `alb`) on EKS, the GKE
 * ingress controller (class `gce`) on GKE, each with the address it publishes in the status.
 */
export function ingressOf(model: ClusterModel, workload: WorkloadModel): KubeObject {
  const aws = model.cluster.provider === 'aws';
  const name = workload.name;
  const annotations: Record<string, string> = aws
    ? {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/ssl-redirect': '443',
      }
    : {
        'kubernetes.io/ingress.global-static-ip-name': `${name}-ip`,
        'networking.gke.io/managed-certificates': `${name}-cert`,
      };
  const address = aws
    ? {
        hostname: `k8s-${workload.namespace.slice(0, 8)}-${name.slice(0, 8)}-${sha256(
          model.cluster.name,
          name,
          'alb',
        ).slice(0, 10)}-${pick(100000000, 1999999999, model.cluster.name, name, 'alb-id')}.${
          model.cluster.region
        }.elb.amazonaws.com`,
      }
    : { ip: ipIn('34.117', 0, 255, model.cluster.name, name, 'lb') };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: objectMeta(model.cluster.name, 'Ingress', {
      name,
      namespace: workload.namespace,
      uid: uidFor(model.cluster.name, 'Ingress', workload.namespace, name),
      created: workload.created + pick(30, 600, name, 'ing-lag'),
      generation: 1,
      labels: workload.labels,
      annotations,
    }),
    spec: {
      ingressClassName: aws ? 'alb' : 'gce',
      rules: [
        {
          host: ingressHost(workload),
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [address] } },
  };
}
