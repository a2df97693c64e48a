import type { Catalog } from '../../../catalog/index.ts';
import type { AnchorLocator } from './locate-anchors.ts';
import type { QueryKind, SearchCase } from './search-cases.ts';

/** A query on the sample catalog and the anchor (or page) that should come first. */
interface SampleQuery {
  kind: QueryKind;
  query: string;
  api: string;
  /** The version; the API's current one when left out. */
  version?: string;
  /** An operation's or schema's anchor; a guide is named by `page` instead. */
  anchor?: string;
  /** A page's path under the base, for guides. */
  page?: string;
}

/**
 * The queries a partner would type on the sample catalog (`apis/`), each with where it should
 * land. Fixed, so rates compare from one run to the next; every query names one right answer.
 */
const sampleQueries: readonly SampleQuery[] = [
  // An operation's summary, as written (French and English APIs).
  {
    kind: 'summary',
    query: 'Consulter une entreprise',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren',
  },
  {
    kind: 'summary',
    query: "Lister les dirigeants d'une entreprise",
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren-dirigeants',
  },
  {
    kind: 'summary',
    query: 'Réserver un rendez-vous',
    api: 'rendez-vous',
    anchor: 'post-rendez-vous',
  },
  {
    kind: 'summary',
    query: 'Lister les créneaux libres',
    api: 'rendez-vous',
    anchor: 'get-sites-siteid-creneaux',
  },
  {
    kind: 'summary',
    query: 'Compter les jours ouvrés entre deux dates',
    api: 'jours-feries',
    anchor: 'get-jours-ouvres',
  },
  {
    kind: 'summary',
    query: 'Savoir si une date est fériée ou en vacances',
    api: 'jours-feries',
    anchor: 'get-dates-date',
  },
  {
    kind: 'summary',
    query: 'Withdraw an application',
    api: 'grant-applications',
    anchor: 'post-applications-applicationid-withdrawal',
  },
  {
    kind: 'summary',
    query: 'A grant was paid',
    api: 'grant-applications',
    anchor: 'webhook-post-grantpaid',
  },
  // In v1 (deprecated) and v2 (current): the current version must come first.
  {
    kind: 'summary',
    query: "Lister les obligations fiscales d'une entreprise",
    api: 'declarations-fiscales',
    anchor: 'get-entreprises-siren-obligations',
  },
  {
    kind: 'summary',
    query: 'Déposer une déclaration',
    api: 'declarations-fiscales',
    anchor: 'post-declarations-declarationid-depot',
  },
  // Only in the deprecated v1.
  {
    kind: 'summary',
    query: "Consulter l'accusé de réception",
    api: 'declarations-fiscales',
    version: 'v1',
    anchor: 'get-declarations-declarationid-accuse-reception',
  },
  // An operationId, as a developer copies it from code.
  {
    kind: 'operationId',
    query: 'consulterEntreprise',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren',
  },
  {
    kind: 'operationId',
    query: 'listerEtablissements',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren-etablissements',
  },
  {
    kind: 'operationId',
    query: 'listerCreneaux',
    api: 'rendez-vous',
    anchor: 'get-sites-siteid-creneaux',
  },
  {
    kind: 'operationId',
    query: 'compterJoursOuvres',
    api: 'jours-feries',
    anchor: 'get-jours-ouvres',
  },
  {
    kind: 'operationId',
    query: 'withdrawApplication',
    api: 'grant-applications',
    anchor: 'post-applications-applicationid-withdrawal',
  },
  {
    kind: 'operationId',
    query: 'deposerDeclaration',
    api: 'declarations-fiscales',
    anchor: 'post-declarations-declarationid-depot',
  },
  {
    kind: 'operationId',
    query: 'supprimerDeclaration',
    api: 'declarations-fiscales',
    anchor: 'delete-declarations-declarationid',
  },
  // A path, as in the documentation or a log line.
  {
    kind: 'path',
    query: '/entreprises/{siren}',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren',
  },
  {
    kind: 'path',
    query: '/entreprises/{siren}/dirigeants',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren-dirigeants',
  },
  {
    kind: 'path',
    query: '/etablissements/{siret}',
    api: 'repertoire-entreprises',
    anchor: 'get-etablissements-siret',
  },
  {
    kind: 'path',
    query: '/sites/{siteId}/creneaux',
    api: 'rendez-vous',
    anchor: 'get-sites-siteid-creneaux',
  },
  {
    kind: 'path',
    query: '/jours-feries/{annee}',
    api: 'jours-feries',
    anchor: 'get-jours-feries-annee',
  },
  {
    kind: 'path',
    query: '/applications/{applicationId}/submission',
    api: 'grant-applications',
    anchor: 'post-applications-applicationid-submission',
  },
  {
    kind: 'path',
    query: '/declarations/{declarationId}/documents',
    api: 'declarations-fiscales',
    anchor: 'get-declarations-declarationid-documents',
  },
  // A component schema's name.
  {
    kind: 'schema',
    query: 'ResultatVerification',
    api: 'repertoire-entreprises',
    anchor: 'schema-resultatverification',
  },
  {
    kind: 'schema',
    query: 'DemandeVerification',
    api: 'repertoire-entreprises',
    anchor: 'schema-demandeverification',
  },
  {
    kind: 'schema',
    query: 'StatutDeclaration',
    api: 'declarations-fiscales',
    anchor: 'schema-statutdeclaration',
  },
  {
    kind: 'schema',
    query: 'ExpenseCategory',
    api: 'grant-applications',
    anchor: 'schema-expensecategory',
  },
  { kind: 'schema', query: 'ZoneScolaire', api: 'jours-feries', anchor: 'schema-zonescolaire' },
  {
    kind: 'schema',
    query: 'GrantPaidEvent',
    api: 'grant-applications',
    anchor: 'schema-grantpaidevent',
  },
  // French typed without accents, for an accented summary.
  {
    kind: 'without accents',
    query: 'reserver un rendez-vous',
    api: 'rendez-vous',
    anchor: 'post-rendez-vous',
  },
  {
    kind: 'without accents',
    query: "lister les etablissements d'une entreprise",
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren-etablissements',
  },
  {
    kind: 'without accents',
    query: 'verifier une liste de siren et de siret',
    api: 'repertoire-entreprises',
    anchor: 'post-verifications',
  },
  {
    kind: 'without accents',
    query: "jours feries d'une annee",
    api: 'jours-feries',
    anchor: 'get-jours-feries-annee',
  },
  {
    kind: 'without accents',
    query: 'creneaux libres',
    api: 'rendez-vous',
    anchor: 'get-sites-siteid-creneaux',
  },
  {
    kind: 'without accents',
    query: 'creer une declaration',
    api: 'declarations-fiscales',
    anchor: 'post-declarations',
  },
  // The start of a word, spelt right, as a partner types before finishing it.
  {
    kind: 'partial word',
    query: 'dirigea',
    api: 'repertoire-entreprises',
    anchor: 'get-entreprises-siren-dirigeants',
  },
  {
    kind: 'partial word',
    query: 'annul',
    api: 'rendez-vous',
    anchor: 'post-rendez-vous-reference-annulation',
  },
  {
    kind: 'partial word',
    query: 'withdr',
    api: 'grant-applications',
    anchor: 'post-applications-applicationid-withdrawal',
  },
  {
    kind: 'partial word',
    query: 'vacances scol',
    api: 'jours-feries',
    anchor: 'get-vacances-scolaires',
  },
  {
    kind: 'partial word',
    query: 'créneau',
    api: 'rendez-vous',
    anchor: 'get-sites-siteid-creneaux',
  },
  {
    kind: 'partial word',
    query: 'obligations fisc',
    api: 'declarations-fiscales',
    anchor: 'get-entreprises-siren-obligations',
  },
  // A guide's title.
  {
    kind: 'guide',
    query: 'Migrer vers la version 2',
    api: 'declarations-fiscales',
    page: 'apis/declarations-fiscales/guides/migrer-vers-la-v2/',
  },
  {
    kind: 'guide',
    query: 'Réserver un rendez-vous pour un usager',
    api: 'rendez-vous',
    page: 'apis/rendez-vous/guides/reserver-un-rendez-vous/',
  },
];

/**
 * The sample queries with their expected links, read from the built portal. A query whose
 * target the build does not hold is an error in this list, not a miss of the search.
 */
export function toSampleCases(catalog: Catalog, locator: AnchorLocator): SearchCase[] {
  return sampleQueries.map((item) => {
    const api = catalog.apis.find((candidate) => candidate.id === item.api);
    if (!api) throw new Error(`bench:search: the sample catalog has no API ${item.api}`);
    const version = item.version ?? api.currentVersionId;
    const link = item.page
      ? locator.page(item.page)
      : locator.locate(api.id, version, api.currentVersionId, item.anchor ?? '');
    const target = `${api.id} ${version} ${item.anchor ?? item.page ?? ''}`;
    if (!link) throw new Error(`bench:search: no indexed page holds ${target}`);
    return { kind: item.kind, query: item.query, expected: [link], target };
  });
}
