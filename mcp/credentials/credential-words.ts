import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';

/**
 * How the MCP tools word credentials — what to pass to call_sandbox, where it goes, what was
 * sent — in each language of the sandbox: describe_operation's "In the sandbox" section, the
 * refusal of a call without what it needs, call_sandbox's account of what it sent. Names of
 * arguments, headers and schemes are code, never translated. Leaving a word out of one
 * language fails `npm run check`.
 */
export interface CredentialWords {
  keyPlace: (name: string, place: 'header' | 'query' | 'cookie') => string;
  noSecurity: string;
  scheme: (name: string, label: string | undefined) => string;
  unsendableHeader: (documented: string, own: string) => string;
  uncheckedScheme: (own: string) => string;
  passKey: (label: string, place: string, note: string) => string;
  passClient: (label: string) => string;
  withScope: (scopes: string) => string;
  issuedScope: (scopes: string) => string;
  otherFlows: (flows: string) => string;
  passToken: (label: string, tokenUrl: string, issued: string, scoped: boolean) => string;
  and: string;
  section: string;
  open: string;
  with: (count: number) => string;
  orNone: string;
  trialApplication: (endpoint: string, body: string) => string;
  needs: (operation: string, ways: readonly string[]) => string;
  nonePassed: string;
  passedOthers: (names: string) => string;
  mayBeAnonymous: string;
  nothingSent: string;
  pairs: string;
  sentKey: (place: string) => string;
  sentBasic: (asUser: boolean) => string;
  sentToken: string;
  sentIssuedToken: (tokenPath: string, withScope: string) => string;
  tokenRefused: (tokenPath: string, withScope: string) => string;
  sent: (request: string, what: readonly string[]) => string;
  notSent: (names: string) => string;
}

const en: CredentialWords = {
  keyPlace: (name, place) =>
    `the ${name} ${place === 'header' ? 'header' : place === 'query' ? 'query parameter' : 'cookie'}`,
  noSecurity: 'no security declared',
  scheme: (name, label) => `scheme ${name} (${label ?? 'not declared'})`,
  unsendableHeader: (documented, own) =>
    ` (the document names the ${documented} header, which no HTTP client can set; the sandbox takes the key in ${own} on every operation)`,
  uncheckedScheme: (own) => ` (the sandbox cannot check this scheme; it takes the key in ${own})`,
  passKey: (label, place, note) =>
    `${label}: pass your trial key (\`gk_…\`) as \`apiKey\`; call_sandbox sends it in ${place}${note}`,
  passClient: (label) =>
    `${label}: pass \`clientId\` and \`clientSecret\` of your trial application (or \`username\` and \`password\`); call_sandbox sends them as \`Authorization: Basic\``,
  withScope: (scopes) => (scopes === '' ? '' : ` with scope ${scopes}`),
  issuedScope: (scopes) => (scopes === '' ? '' : `, scope ${scopes}`),
  otherFlows: (flows) =>
    flows === '' ? '' : `; the sandbox issues the ${flows} flow's scopes this way`,
  passToken: (label, tokenUrl, issued, scoped) =>
    `${label}: pass \`clientId\` and \`clientSecret\` of your trial application; call_sandbox gets an access token from the sandbox's ${tokenUrl} (client credentials${issued}) and sends it as \`Authorization: Bearer\`. Or pass \`bearerToken\`: a token from that endpoint${scoped ? ' carrying that scope' : ''}`,
  and: '; and ',
  section: 'In the sandbox',
  open: 'Open: no credentials needed; call_sandbox sends none (the call counts against an anonymous quota per address).',
  with: (count) => (count === 1 ? 'With call_sandbox:' : 'With call_sandbox, any one of:'),
  orNone: 'Or pass no credentials: the operation may be called without them.',
  trialApplication: (endpoint, body) =>
    `A trial application — a key (\`gk_…\`), a client id (\`gc_…\`) and a client secret (\`gs_…\`), shown once — comes from the API page's form, or ${endpoint} with ${body}. call_sandbox uses credentials for one call: it never stores, logs or repeats them.`,
  needs: (operation, ways) =>
    `${operation} needs ${ways.length === 1 ? '' : 'any one of: '}${ways.join('; or ')}.`,
  nonePassed: 'No credentials were passed.',
  passedOthers: (names) => `You passed ${names}: not what it takes.`,
  mayBeAnonymous: 'It may also be called with no credentials at all.',
  nothingSent: 'Nothing was sent to the sandbox.',
  pairs: 'Some credentials come in pairs.',
  sentKey: (place) => `your key in ${place}`,
  sentBasic: (asUser) =>
    `your ${asUser ? 'username and password' : 'client id and secret'} in \`Authorization: Basic\``,
  sentToken: 'your access token in `Authorization: Bearer`',
  sentIssuedToken: (tokenPath, withScope) =>
    `an access token from the sandbox's \`POST ${tokenPath}\`${withScope}, in \`Authorization: Bearer\``,
  tokenRefused: (tokenPath, withScope) =>
    `call_sandbox asked the sandbox's token endpoint (POST ${tokenPath}) for an access token${withScope} by client credentials; it refused, so the operation was not called.`,
  sent: (request, what) =>
    `Sent ${request} ${what.length > 0 ? `with ${what.join(' and ')}` : 'without credentials (an open operation)'}.`,
  notSent: (names) => (names === '' ? '' : ` Not sent, as this call does not take them: ${names}.`),
};

const fr: CredentialWords = {
  keyPlace: (name, place) =>
    place === 'header'
      ? `l’en-tête ${name}`
      : place === 'query'
        ? `le paramètre de requête ${name}`
        : `le cookie ${name}`,
  noSecurity: 'aucune sécurité déclarée',
  scheme: (name, label) => `schéma ${name} (${label ?? 'non déclaré'})`,
  unsendableHeader: (documented, own) =>
    ` (le document nomme l’en-tête ${documented}, qu’aucun client HTTP ne peut fixer ; le bac à sable prend la clé dans ${own} sur toutes les opérations)`,
  uncheckedScheme: (own) =>
    ` (le bac à sable ne peut pas vérifier ce schéma ; il prend la clé dans ${own})`,
  passKey: (label, place, note) =>
    `${label} : passez votre clé d’essai (\`gk_…\`) dans \`apiKey\` ; call_sandbox l’envoie dans ${place}${note}`,
  passClient: (label) =>
    `${label} : passez \`clientId\` et \`clientSecret\` de votre application d’essai (ou \`username\` et \`password\`) ; call_sandbox les envoie en \`Authorization: Basic\``,
  withScope: (scopes) => (scopes === '' ? '' : ` avec la portée ${scopes}`),
  issuedScope: (scopes) => (scopes === '' ? '' : `, portée ${scopes}`),
  otherFlows: (flows) =>
    flows === '' ? '' : ` ; le bac à sable accorde ainsi les portées du flux ${flows}`,
  passToken: (label, tokenUrl, issued, scoped) =>
    `${label} : passez \`clientId\` et \`clientSecret\` de votre application d’essai ; call_sandbox obtient un jeton d’accès au ${tokenUrl} du bac à sable (client credentials${issued}) et l’envoie en \`Authorization: Bearer\`. Ou passez \`bearerToken\` : un jeton de ce point d’accès${scoped ? ' qui porte cette portée' : ''}`,
  and: ' ; et ',
  section: 'Dans le bac à sable',
  open: 'Ouverte : aucun identifiant requis ; call_sandbox n’en envoie aucun (l’appel compte dans un quota anonyme par adresse).',
  with: (count) =>
    count === 1 ? 'Avec call_sandbox :' : 'Avec call_sandbox, l’un de ces moyens :',
  orNone: 'Ou ne passez aucun identifiant : l’opération peut être appelée sans.',
  trialApplication: (endpoint, body) =>
    `Une application d’essai — une clé (\`gk_…\`), un identifiant de client (\`gc_…\`) et un secret de client (\`gs_…\`), montrés une seule fois — s’obtient avec le formulaire de la page de l’API, ou ${endpoint} avec ${body}. call_sandbox utilise les identifiants pour un appel : il ne les garde, ne les journalise ni ne les répète jamais.`,
  needs: (operation, ways) =>
    `${operation} demande ${ways.length === 1 ? '' : 'l’un de ces moyens : '}${ways.join(' ; ou ')}.`,
  nonePassed: 'Aucun identifiant n’a été passé.',
  passedOthers: (names) => `Vous avez passé ${names} : ce n’est pas ce qu’elle demande.`,
  mayBeAnonymous: 'Elle peut aussi être appelée sans aucun identifiant.',
  nothingSent: 'Rien n’a été envoyé au bac à sable.',
  pairs: 'Certains identifiants vont par paires.',
  sentKey: (place) => `votre clé dans ${place}`,
  sentBasic: (asUser) =>
    `${asUser ? 'votre nom d’utilisateur et votre mot de passe' : 'votre identifiant et votre secret de client'} en \`Authorization: Basic\``,
  sentToken: 'votre jeton d’accès en `Authorization: Bearer`',
  sentIssuedToken: (tokenPath, withScope) =>
    `un jeton d’accès du \`POST ${tokenPath}\` du bac à sable${withScope}, en \`Authorization: Bearer\``,
  tokenRefused: (tokenPath, withScope) =>
    `call_sandbox a demandé au point d’accès des jetons du bac à sable (POST ${tokenPath}) un jeton d’accès${withScope} par client credentials ; il a refusé, donc l’opération n’a pas été appelée.`,
  sent: (request, what) =>
    `Envoyé ${request} ${what.length > 0 ? `avec ${what.join(' et ')}` : 'sans identifiants (une opération ouverte)'}.`,
  notSent: (names) =>
    names === '' ? '' : ` Non envoyés, car cet appel ne les prend pas : ${names}.`,
};

/** The credential words of each language. */
export const credentialWords: Readonly<Record<SandboxLanguage, CredentialWords>> = { en, fr };
