import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The generated API's folder name under the bench's `apis/`. */
export const splitApiId = 'referentiel-collectivites';

/** Its tags: each becomes a page of its own once the API is split. */
const entities = [
  {
    tag: 'Départements',
    path: 'departements',
    one: 'un département',
    of: 'du département',
    code: '75',
  },
  { tag: 'Communes', path: 'communes', one: 'une commune', of: 'de la commune', code: '75056' },
  { tag: 'Régions', path: 'regions', one: 'une région', of: 'de la région', code: '11' },
  {
    tag: 'Intercommunalités',
    path: 'intercommunalites',
    one: 'une intercommunalité',
    of: 'de l’intercommunalité',
    code: '200054781',
  },
] as const;

/** The datasets each collectivity offers, one operation each. */
const datasets = [
  'population',
  'budget',
  'élus',
  'compétences',
  'équipements',
  'logement',
  'emploi',
  'fiscalité',
  'transports',
  'écoles',
  'santé',
  'environnement',
  'culture',
  'sport',
  'tourisme',
  'agriculture',
  'énergie',
  'numérique',
  'sécurité',
  'urbanisme',
  'eau',
  'déchets',
  'voirie',
  'social',
  'jeunesse',
  'associations',
  'marchés publics',
  'subventions',
  'patrimoine',
  'risques',
  'recensement',
  'élections',
  'dotations',
  'dette',
  'effectifs',
  'contrats',
  'délibérations',
  'arrêtés',
  'archives',
  'jumelages',
  'foncier',
  'climat',
  'mobilités',
  'commerces',
  'services publics',
] as const;

/**
 * Writes a large API the sample catalog lacks: four tags of 45 operations, each with its path,
 * query and header parameters and a response record of twenty described fields, inline as many
 * real documents write them. Its reference exceeds one page's budget, so the build gives it one
 * page per tag, which bench:lighthouse scores. Made up, French, and the same at every run.
 */
export async function writeSplitApi(apisDir: string): Promise<void> {
  const dir = join(apisDir, splitApiId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'api.yaml'), metadata);
  await writeFile(join(dir, 'openapi.json'), `${JSON.stringify(toDocument(), null, 2)}\n`);
}

const metadata = `title: Référentiel des collectivités territoriales
summary: Les données de référence des départements, communes, régions et intercommunalités, jeu par jeu.
owner:
  team: Bureau des référentiels territoriaux
  email: referentiels@exemple.gouv.fr
tags: [territoires]
`;

function toDocument(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const entity of entities) {
    datasets.forEach((dataset, index) => {
      const slug = dataset.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, '-');
      paths[`/${entity.path}/{code}/${slug}`] = {
        get: toOperation(entity, dataset, slug, index),
      };
    });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Référentiel des collectivités territoriales',
      version: '2.3.0',
      description:
        'Chaque collectivité, ses données de référence, jeu par jeu : un jeu se lit pour un millésime, champ par champ.',
    },
    servers: [{ url: 'https://api.exemple.gouv.fr/collectivites/v2' }],
    security: [{ cleApi: [] }],
    tags: entities.map((entity) => ({
      name: entity.tag,
      description: `Les données de référence, jeu par jeu, pour ${entity.one}.`,
    })),
    paths,
    components: {
      securitySchemes: { cleApi: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
      schemas: {
        Probleme: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri', description: 'Le type du problème.' },
            title: { type: 'string', description: 'Le problème, en une phrase.' },
            status: { type: 'integer', description: 'Le statut HTTP de la réponse.' },
            detail: { type: 'string', description: 'Ce qui s’est passé pour cette requête.' },
          },
        },
      },
    },
  };
}

function toOperation(
  entity: (typeof entities)[number],
  dataset: string,
  slug: string,
  index: number,
): Record<string, unknown> {
  const problem = (description: string): Record<string, unknown> => ({
    description,
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Probleme' } },
    },
  });
  return {
    operationId: toOperationId(entity.path, slug),
    summary: `Lire le jeu « ${dataset} » ${entity.of}`,
    description: `Renvoie, pour ${entity.one} et un millésime, le jeu de données « ${dataset} » tel que le publie le référentiel national, mis à jour chaque trimestre. Sans millésime, c’est le dernier publié. Les champs absents de la source sont omis plutôt que vides.`,
    tags: [entity.tag],
    parameters: [
      {
        name: 'code',
        in: 'path',
        required: true,
        description: `Le code officiel géographique ${entity.of}.`,
        schema: { type: 'string', pattern: '^[0-9AB]{2,9}$' },
        example: entity.code,
      },
      {
        name: 'millesime',
        in: 'query',
        description: 'L’année des données ; le dernier millésime publié par défaut.',
        schema: { type: 'integer', minimum: 2000, maximum: 2030 },
        example: 2025,
      },
      {
        name: 'champs',
        in: 'query',
        description: 'Les champs à renvoyer, séparés par des virgules ; tous par défaut.',
        schema: { type: 'array', items: { type: 'string' } },
        style: 'form',
        explode: false,
      },
      {
        name: 'Accept-Language',
        in: 'header',
        description: 'La langue des libellés : fr (par défaut) ou en.',
        schema: { type: 'string', enum: ['fr', 'en'] },
      },
    ],
    responses: {
      '200': {
        description: `Le jeu « ${dataset} ».`,
        headers: {
          'Cache-Control': {
            description: 'Combien de temps garder la réponse.',
            schema: { type: 'string' },
          },
        },
        content: {
          'application/json': {
            schema: toRecord(dataset, index),
            example: { code: entity.code, millesime: 2025, source: 'Référentiel national' },
          },
        },
      },
      '400': problem('Un paramètre est mal formé.'),
      '401': problem('La clé manque ou n’est pas valide.'),
      '404': problem(`Aucun jeu « ${dataset} » pour ce code.`),
    },
  };
}

/** A record of twenty fields, nested and enumerated like the reference data it stands for. */
function toRecord(dataset: string, index: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    code: { type: 'string', description: 'Le code officiel géographique.' },
    millesime: { type: 'integer', description: 'L’année des données.' },
    source: { type: 'string', description: 'L’organisme qui publie le jeu.' },
    statut: {
      type: 'string',
      enum: ['provisoire', 'definitif', 'rectifie'],
      description: 'Où en est la publication : provisoire, définitive, ou rectifiée depuis.',
    },
    periode: {
      type: 'object',
      description: 'La période que couvrent les données.',
      properties: {
        debut: { type: 'string', format: 'date', description: 'Le premier jour couvert.' },
        fin: { type: 'string', format: 'date', description: 'Le dernier jour couvert.' },
      },
    },
  };
  for (let field = 1; field <= 15; field += 1) {
    properties[`indicateur${String(field)}`] = {
      type: field % 3 === 0 ? 'number' : 'integer',
      minimum: 0,
      description: `Indicateur ${String(field)} du jeu « ${dataset} » (série ${String(index + 1)}) : la valeur au dernier jour de la période, telle que la source la publie, arrondie à l’unité ; absent quand la source ne le mesure pas pour ce territoire.`,
    };
  }
  return { type: 'object', required: ['code', 'millesime'], properties };
}

function toOperationId(entity: string, slug: string): string {
  const words = `lire-${entity}-${slug}`.split('-');
  return words
    .map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join('');
}
