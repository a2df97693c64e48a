import type { Messages } from '../fr.ts';

/** The trial-key form and what it shows once a key is issued. */
export const trialKeyMessages: Pick<Messages, 'trialKey'> = {
  trialKey: {
    heading: 'Get a trial key',
    fallback:
      'Asking for a key on this page needs JavaScript. Where you run the sandbox yourself, create one from the command line:',
    myApplication: 'My application',
    writeTo: 'Or write to the owners at ',
    storedBefore: 'This browser already holds a key for this API: ',
    storedClient: ', and the client ',
    storedAfter: '. The console and the commands below use them.',
    rotateSecret: 'Rotate the client secret',
    revokeCredentials: 'Revoke these credentials',
    newSecret: 'New client secret: ',
    theSecret: 'the client secret',
    copySecret: 'Copy the secret',
    yourCredentials: "Your trial application's credentials: a key, and a client id and secret.",
    clientId: 'Client id (OAuth 2.0 client credentials, HTTP basic): ',
    theClientId: 'the client id',
    copyClientId: 'Copy the client id',
    clientSecret: 'Client secret: ',
    forget: 'Forget this key',
    myUsage: 'See my usage of this API',
    restricted: 'This API is restricted: an administrator approves each key before it works.',
    application: 'Application name',
    email: 'Contact email',
    emailHint: 'Used only to write to you about this key.',
    acceptBefore: 'I accept the ',
    acceptLink: 'sandbox terms',
    submit: 'Get a trial key',
    yourKey: 'Your trial key',
    theKey: 'the key',
    copyKey: 'Copy the key',
    storeNow: 'Store it now.',
    shownOnce:
      ' The key and the client secret are shown only this once: the sandbox keeps a fingerprint of them, not the values.',
    waiting: 'Waiting for approval.',
    waitingBefore:
      ' An administrator must approve this key before the sandbox accepts it; until then calls are refused with ',
    waitingLink: '403 Subscription awaiting approval',
    waitingAfter: '. The key works as soon as it is approved: no need to ask again.',
    nextBefore: 'Next: try a request in the ',
  },
};
