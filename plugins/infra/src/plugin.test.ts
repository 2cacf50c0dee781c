import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, mockApis } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cartEntity, teamEntity } from './testing/fixtures';
import { infraPlugin } from './plugin';

const bare: Entity = {
  ...cartEntity,
  metadata: { name: 'bare', namespace: 'default', annotations: {} },
};
const withAnnotation = (key: string, value = 'x'): Entity => ({
  ...bare,
  metadata: { ...bare.metadata, annotations: { [key]: value } },
});
const kubernetesBySelector = withAnnotation('backstage.io/kubernetes-label-selector', 'app.kubernetes.io/name=cart');
const groupWithAnnotations: Entity = {
  ...teamEntity,
  metadata: {
    ...teamEntity.metadata,
    annotations: cartEntity.metadata.annotations,
  },
};

function cardFilter(id: Parameters<typeof infraPlugin.getExtension>[0]) {
  const tester = createExtensionTester(infraPlugin.getExtension(id) as any);
  return tester.get(EntityCardBlueprint.dataRefs.filterFunction) as (e: Entity) => boolean;
}

describe('infraPlugin', () => {
  it.each([
    [
      'entity-card:infra/workloads',
      [cartEntity, kubernetesBySelector],
      [bare, withAnnotation('pagerduty.com/service-id'), groupWithAnnotations],
    ],
    [
      'entity-card:infra/oncall',
      [cartEntity, withAnnotation('pagerduty.com/service-id')],
      [bare, kubernetesBySelector],
    ],
    [
      'entity-card:infra/incidents',
      [cartEntity, withAnnotation('pagerduty.com/service-id')],
      [bare, groupWithAnnotations],
    ],
    [
      'entity-card:infra/monitors',
      [cartEntity, withAnnotation('datadoghq.com/service-name')],
      [bare, kubernetesBySelector],
    ],
    ['entity-card:infra/deploys', [cartEntity, withAnnotation('datadoghq.com/service-name')], [bare]],
    ['entity-card:infra/team', [teamEntity], [cartEntity]],
  ] as const)('%s shows only for the right entities', (id, shown, hidden) => {
    const filter = cardFilter(id);
    for (const e of shown) expect(filter(e)).toBe(true);
    for (const e of hidden) expect(filter(e)).toBe(false);
  });

  it('adds the Kubernetes tab at kubernetes for Components with a Kubernetes annotation', () => {
    const tester = createExtensionTester(infraPlugin.getExtension('entity-content:infra/kubernetes') as any, {
      apis: [mockApis.translation()],
    });
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction) as (e: Entity) => boolean;
    expect(filter(cartEntity)).toBe(true);
    expect(filter(kubernetesBySelector)).toBe(true);
    expect(filter(bare)).toBe(false);
    expect(tester.get(coreExtensionData.routePath)).toBe('kubernetes');
  });
});
