import type { Messages } from '../fr.ts';

/** The pages of the sandbox's problem types. */
export const problemMessages: Pick<Messages, 'problems'> = {
  problems: {
    title: 'Sandbox problem types',
    description: 'Every refusal of the sandbox, what it means and what to do about it.',
    leadBefore: 'When the sandbox refuses a request, it answers ',
    leadAfter:
      " (RFC 9457). The body's type names one of the pages below; detail says what happened to your request and instance identifies it in the sandbox's logs.",
    statuses: 'Statuses',
    footerBefore: "To get a trial key, read an API's page in the ",
    footerMiddle: '; the ',
    termsLink: 'sandbox terms',
    footerAfter: ' say what the sandbox is for.',
    pageTitle: (title: string): string => `${title} — sandbox problem`,
    breadcrumb: 'Breadcrumb',
    status: 'Status',
    type: 'Type',
    when: 'When it happens',
    what: 'What to do',
    example: 'Example answer',
    exampleNote: 'The detail and instance members change with every request.',
    others: (status: number): string => `Other ${String(status)} problems`,
    every: 'Every problem type',
    remedies: {
      401: 'Send the credentials the description names, then try again.',
      404: 'Check the identifier in `detail` against what exists, then try again.',
      405: 'Send the request again with one of the methods the `Allow` header lists.',
      408: 'Send the whole request without pausing; check any proxy between your client and the sandbox.',
      409: 'Read `detail` for the current state, then ask for a change that state allows.',
      413: 'Send a smaller body.',
      431: 'Send fewer or shorter headers; large cookies are the usual cause.',
    },
    remedyInvalid:
      'Correct the request as `detail` says, then send it again: the same request will be refused the same way.',
    remedyServer:
      'Retry in a moment. If it keeps happening, send the `instance` value of the answer to the support: it names your request in the sandbox’s logs.',
    remedyOther:
      'Read `detail`: it says what the sandbox saw in this request. Sending it again unchanged gives the same answer.',
  },
};
