/**
 * Sentences the support backend makes for people, as codes with parameters. The backend keeps
 * its English text in the existing string fields (`error`, `message`) and adds the code and
 * the parameters next to them, so the frontend renders them in the reader's language.
 */

export type SupportMessageParams = Record<string, string | number>;

/** One backend-made sentence: `code` names it, `params` fill it. */
export interface SupportMessage {
  code: SupportMessageCode;
  params?: SupportMessageParams;
}

/** English text of every code (`{{name}}` placeholders); the frontend's Japanese is in its locales. */
export const SUPPORT_MESSAGES_EN = {
  // Context snapshot: why a part could not be attached.
  contextTimeout: 'No answer within {{seconds}} s',
  contextFailed: 'Could not be read: {{message}}',
  contextSloStatus: 'The SLO backend answered HTTP {{status}}',
  // Urgent paging.
  pageJoined: 'Joined the page of request #{{id}}',
  pageNotConfigured: 'support.urgent.routingKey is not configured',
  // Validation of a new request and of changes.
  invalidRequest: 'Invalid request: {{issues}}',
  unknownType: 'type: unknown request type "{{type}}" (known: {{known}})',
  entityRefInvalid: 'entityRef: "{{ref}}" is not an entity reference',
  entityNotFound: 'entityRef: no entity {{ref}} in the catalog',
  fieldsMissing: 'missing required fields: {{fields}}',
  fieldUnknown: '{{field}}: is not a field of type {{type}}',
  fieldNotString: '{{field}}: must be a string',
  fieldTooLong: '{{field}}: must be at most {{max}} characters',
  fieldNotOption: '{{field}}: "{{value}}" is not one of {{options}}',
  fieldNotEntityRef: '{{field}}: must be an entity reference such as component:default/payment-service',
  fieldNotUrl: '{{field}}: must be an http(s) URL',
  fieldNotNumber: '{{field}}: must be a number',
  fieldNotBoolean: '{{field}}: must be true or false',
  fieldUnknownKind: '{{field}}: has an unknown kind',
  mayNotPage:
    'You may not page the platform on-call for {{entityRef}}: only its owners and the platform team may. File it with {{field}} "low" instead, or ask its owners.',
  mayNotPageWithoutEntity:
    "You may not page the platform on-call without naming your team's service (entityRef): only the platform team may.",
  requestNotFound: 'No support request {{id}}',
  mayNotSee: 'You may not see support request {{id}}',
  mayNotChange: 'You may not change support request {{id}}',
  onlyPlatformAssigns: 'Only the platform team may assign a request or change its priority',
  transitionNotAllowed: 'status: cannot go from {{from}} to {{to}}',
  mayNotComment: 'You may not comment on support request {{id}}',
  onlyPlatformInternal: 'Only the platform team may write internal notes',
  analyticsPlatformOnly: 'Support analytics are for the platform team',
  mayNotFile: 'You may not file support requests',
} as const;

export type SupportMessageCode = keyof typeof SUPPORT_MESSAGES_EN;

export const isSupportMessageCode = (code: unknown): code is SupportMessageCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(SUPPORT_MESSAGES_EN, code);

/** The English sentence of a code (the backend's string fields; the frontend's fallback). */
export function supportMessageText(message: SupportMessage): string {
  const template: string = SUPPORT_MESSAGES_EN[message.code] ?? message.code;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    message.params?.[key] === undefined ? whole : String(message.params[key]),
  );
}
