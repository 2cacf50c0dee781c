/*
 * The portal passes its own Production Readiness Review: the PRR plugin's automatic Kubernetes
 * checks (the same functions that evaluate every service's live workloads) run over the portal's
 * production manifests in docker/kubernetes/, selecting objects the way the live review does:
 * workloads labelled `backstage.io/kubernetes-id: platform-portal`, with the HPAs and PDBs of their
 * namespace.
 */
import { KUBERNETES_CHECKS, kubeObjectSetOf, type KubeObject } from '@internal/plugin-prr-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const k8sDir = path.resolve(__dirname, '../../../../docker/kubernetes');
const docs: KubeObject[] = fs
  .readdirSync(k8sDir)
  .filter(f => f.endsWith('.yaml'))
  .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(k8sDir, f), 'utf8')).map(d => d.toJS()))
  .filter(Boolean);

const workloads = docs.filter(
  d =>
    ['Deployment', 'StatefulSet'].includes(d.kind ?? '') &&
    d.metadata?.labels?.['backstage.io/kubernetes-id'] === 'platform-portal',
);
const namespaces = new Set(workloads.map(w => w.metadata?.namespace));
const objects = kubeObjectSetOf([
  ...workloads,
  ...docs.filter(
    d =>
      ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(d.kind ?? '') &&
      namespaces.has(d.metadata?.namespace),
  ),
]);

describe("the portal's own production readiness (PRR automatic checks over docker/kubernetes)", () => {
  it('finds the portal Deployment', () => {
    expect(workloads.map(w => `${w.kind} ${w.metadata?.name}`)).toEqual(['Deployment platform-portal']);
  });

  it.each(Object.keys(KUBERNETES_CHECKS))('%s passes', id => {
    const result = KUBERNETES_CHECKS[id](objects);
    expect({ id, status: result.status, evidence: result.evidence }).toEqual({
      id,
      status: 'pass',
      evidence: expect.any(Array),
    });
    expect(result.evidence.join('\n')).toMatch(
      /Deployment platform-portal\/platform-portal|PodDisruptionBudget|HorizontalPodAutoscaler/,
    );
  });

  it('runs at least two replicas, as the portal keeps state only in PostgreSQL and Redis', () => {
    const deployment = workloads[0] as any;
    const hpa = docs.find(d => d.kind === 'HorizontalPodAutoscaler') as any;
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});
