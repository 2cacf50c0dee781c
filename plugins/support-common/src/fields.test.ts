import { fieldIssues } from './fields';
import type { RequestType } from './types';

const l = (en: string) => ({ en, ja: en });
const type: RequestType = {
  id: 'new-infrastructure',
  title: l('New infrastructure'),
  description: l(''),
  defaultPriority: 'P3',
  sla: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  },
  fields: [
    { id: 'kind', label: l('Kind'), kind: 'select', required: true, options: [{ value: 'database', label: l('DB') }] },
    { id: 'name', label: l('Name'), kind: 'text', required: true, maxLength: 10 },
    { id: 'size', label: l('Size'), kind: 'number', required: false },
    { id: 'public', label: l('Public'), kind: 'boolean', required: false },
    { id: 'docs', label: l('Docs'), kind: 'url', required: false },
    { id: 'service', label: l('Service'), kind: 'entity', required: false },
  ],
};

describe('fieldIssues', () => {
  it('accepts valid values', () => {
    expect(
      fieldIssues(type, {
        kind: 'database',
        name: 'orders',
        size: 20,
        public: false,
        docs: 'https://x.example/a',
        service: 'component:default/a',
      }),
    ).toEqual([]);
  });
  it('names every missing required field', () => {
    expect(fieldIssues(type, { name: '  ' })).toEqual(['missing required fields: fields.kind, fields.name']);
  });
  it('rejects wrong kinds, unknown options, long strings and unknown fields', () => {
    const issues = fieldIssues(type, {
      kind: 'volcano',
      name: 'x'.repeat(11),
      size: '20',
      public: 'yes',
      docs: 'ftp://x',
      service: 'not a ref!',
      extra: 1,
    });
    expect(issues).toEqual([
      'fields.extra: is not a field of type new-infrastructure',
      'fields.kind: "volcano" is not one of database',
      'fields.name: must be at most 10 characters',
      'fields.size: must be a number',
      'fields.public: must be true or false',
      'fields.docs: must be an http(s) URL',
      'fields.service: must be an entity reference such as component:default/payment-service',
    ]);
  });
});
