import type { Messages } from '../fr.ts';

/** The API page's sandbox section: addresses, credentials, commands. */
export const sandboxMessages: Pick<Messages, 'sandbox'> = {
  sandbox: {
    /** What the sandbox command sends (site/lib/sandbox-commands.ts). */
    sends: {
      key: (name: string): string => `your key in ${name}`,
      token: 'an access token',
      tokenWith: (scopes: string): string => `an access token with ${scopes}`,
      client: 'your client id and secret',
      and: ' and ',
      open: 'nothing: the operation is open',
    },
    heading: 'Sandbox',
    leadBefore:
      'The sandbox answers every operation of this version with the examples of its OpenAPI document, and authenticates each call as the document declares (see ',
    leadLink: 'Authentication',
    leadAfter: ').',
    baseUrl: 'Base URL: ',
    retired: 'This version is retired: the sandbox no longer answers it.',
    plansCaption: 'Sandbox plans and quotas',
    plan: 'Plan',
    perMinute: 'Requests a minute',
    for: 'For',
    planQuota: (plan: string, count: string): string => `${plan} plan: ${count} requests a minute`,
    refusals: 'When the sandbox refuses',
    refusalsBefore: 'Refusals are ',
    refusalsMiddle: ' answers (RFC 9457). Their type, such as ',
    refusalsLinkBefore: ', names a page of the ',
    refusalsLink: 'sandbox problem types',
    refusalsAfter: ' that says what happened and what to do.',
    onceKeyBefore: 'Once you have a key, try requests in the ',
    terminal: 'Try it from a terminal',
    replaceBefore: 'Replace ',
    replaceAfter:
      " with your trial application's; once you have one, this page puts them in for you.",
    callsBefore: 'This calls ',
    callsMiddle: ', sending ',
    callsAfter: ':',
    copyTokenCommand: 'Copy the token command',
    copyCommand: 'Copy the command',
    theCommand: 'the command',
    choose: 'Choose the answer',
    preferLead: 'Add a Prefer header to any request:',
    preferCode:
      'Answers with the response the document declares for that status, instead of the first.',
    preferExample:
      "Answers with a named example: one of the document's, or one the owners list below.",
    preferDynamic:
      'Generates an answer from the response schema rather than returning the example.',
    invalidBefore: 'Requests the document does not allow are refused with ',
    invalidAfter:
      ' and the list of what is wrong; add Prefer: code=… to get the documented answer anyway.',
    noCallbacks:
      'The sandbox only answers: it never calls the callbacks (webhooks) a document declares, nor any other address, whatever URL a request gives.',
    memory: 'What the sandbox remembers',
    memoryLead:
      'These operations work on your own objects: what you create is read back, changed, listed and deleted, kept for your key alone, across restarts, until you reset it or leave it unused for a week.',
    and: ' and ',
    preferStore:
      "Add Prefer: example=… or Prefer: code=… to a request to get the document's answer instead; nothing is stored then.",
    reset: 'Reset my sandbox data of this version',
    stubs: 'Sandbox-only answers',
    stubsLead:
      'The owners added these answers for testing; the published document does not have them. Answers from a stub carry an X-Guichet-Stub header with its name.',
    namedExamples: 'Named examples',
    on: ' on ',
    versionsLabel: 'Versions: ',
    particular: 'Answers to particular requests',
    with: ' with ',
    withBody: ' with a body holding ',
    example: 'example ',
    anyValue: ' (any value where braces remain)',
  },
};
