import type { Messages } from '../fr.ts';

/** The interactive console (Scalar) and its page. */
export const consoleMessages: Pick<Messages, 'console'> = {
  console: {
    title: (api: string, version: string): string => `${api} ${version} — interactive console`,
    description: (api: string): string => `Try ${api} in the sandbox.`,
    crumb: 'Console',
    heading: 'interactive console',
    sandboxAt: 'Requests go to the sandbox at ',
    preferBefore: '. Prefer reading? See the ',
    operationsLink: 'list of operations',
    preferMiddle: ' or download the ',
    documentLink: 'OpenAPI document',
    keyMissing:
      'You have no sandbox key for this API in this browser yet: requests will be refused.',
    getKey: 'Get a trial key',
    comeBack: ', then come back.',
    keyPresentBefore: 'Your sandbox key ',
    keyPresentClient: ' and your client ',
    keyPresentToken: ' (an access token is fetched for it)',
    keyPresentAfter:
      ' are filled into the console where the document declares them; a request carrying none gets the key in the ',
    about:
      'The console (Scalar) builds and sends any request of the document. It loads about 780 KB of JavaScript, so it opens when you ask. Every call is also documented, with a light “try it”, in the ',
    open: 'Open the interactive console',
    loading: 'Loading the interactive console…',
    noscriptBefore: 'The console needs JavaScript. The ',
    noscriptMiddle: ' and the ',
    noscriptAfter: ' work without it.',
  },
};
