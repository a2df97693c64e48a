/**
 * The reference of one API version as every reader shows it: the portal's pages, the code
 * samples and "try it", and later an MCP server or Markdown twins. Built by `describeVersion`
 * from the bundled document, once per version; nothing here is read from the document again.
 *
 * Owners' texts are already sanitised HTML (`…Html`); names, values and examples are kept as
 * written and must be escaped by whoever prints them. Schemas are trees whose references to
 * component schemas stay references (`SchemaReference`), so a cycle is a link, never an endless
 * expansion, and a page holds each component once.
 */

/** Everything the reference shows of one version. */
export interface VersionReference {
  /** One per catalog operation and webhook, in the same order, under the same anchors. */
  operations: OperationDetails[];
  /** Component schemas (`components.schemas`, Swagger 2.0 `definitions`), in document order. */
  schemas: ComponentSchema[];
  securitySchemes: SecurityScheme[];
  /** Tags the document declares, then those operations use without declaring, in that order. */
  tags: TagDetails[];
}

/** What an operation (or webhook) takes and answers. */
export interface OperationDetails {
  /** The catalog operation's anchor. */
  anchor: string;
  /** Path-level and operation-level parameters, the latter winning; body and form fields excluded. */
  parameters: ParameterDetails[];
  requestBody: RequestBodyDetails | undefined;
  /** In document order. */
  responses: ResponseDetails[];
  /**
   * Ways to authenticate, any one of which is enough; each lists the schemes it needs together.
   * Empty: the document requires no authentication. A requirement with no scheme means calling
   * anonymously is one of the ways.
   */
  security: SecurityRequirement[];
}

/** Where a parameter goes. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterDetails {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  descriptionHtml: string;
  schema: SchemaNode;
  examples: ExampleDetails[];
  /** How arrays and objects are serialised: OpenAPI 3 `style`, Swagger 2.0 `collectionFormat`. */
  style?: string;
  explode?: boolean;
}

/** An example as the document gives it: a lone `example`, or one entry of an `examples` map. */
export interface ExampleDetails {
  /** The entry's key in an `examples` map; absent for a lone `example`. */
  name?: string;
  summary?: string;
  descriptionHtml: string;
  /** The value as written; literal data, never followed (a `$ref` inside is text). */
  value: unknown;
  /** An `externalValue` URL: shown as text, never fetched. */
  externalValue?: string;
}

export interface RequestBodyDetails {
  required: boolean;
  descriptionHtml: string;
  /** One per media type, in document order (Swagger 2.0: per `consumes`). */
  contents: MediaTypeDetails[];
}

export interface MediaTypeDetails {
  mediaType: string;
  schema: SchemaNode | undefined;
  /** The media type's examples, else its schema's (`example`, 3.1 `examples`). */
  examples: ExampleDetails[];
}

export interface ResponseDetails {
  /** `200`, `4XX` or `default`, as written. */
  status: string;
  descriptionHtml: string;
  headers: HeaderDetails[];
  contents: MediaTypeDetails[];
}

export interface HeaderDetails {
  name: string;
  descriptionHtml: string;
  required: boolean;
  deprecated: boolean;
  schema: SchemaNode | undefined;
  examples: ExampleDetails[];
}

/** A node of a schema tree. */
export type SchemaNode = InlineSchema | SchemaReference | SchemaCut;

/** A reference to a component schema, described once in its own section. */
export interface SchemaReference {
  kind: 'reference';
  /** The component's name, as written. */
  name: string;
  /** Anchor of the component's section. */
  anchor: string;
  /** Set when the reference itself adds `null` (3.0 `nullable` beside `allOf: [$ref]`, 3.1 `oneOf` with null). */
  nullable: boolean;
  /** A description written beside the reference (OpenAPI 3.1), which overrides the component's. */
  descriptionHtml: string;
}

/** Where a tree stops: a loop back to a schema being described, or a bound on depth or size. */
export interface SchemaCut {
  kind: 'cut';
  reason: 'cycle' | 'depth' | 'size';
}

/** A schema written in place. */
export interface InlineSchema {
  kind: 'schema';
  /** JSON types it allows, `null` left out (see `nullable`); empty when the schema does not say. */
  types: string[];
  /** May be `null`: 3.0 `nullable`, 3.1 `type: [x, "null"]` or a null variant, 2.0 `x-nullable`. */
  nullable: boolean;
  format?: string;
  title?: string;
  descriptionHtml: string;
  deprecated: boolean;
  /** Sent by the server only: left out of request bodies. */
  readOnly: boolean;
  /** Sent by the client only: left out of responses. */
  writeOnly: boolean;
  /** Allowed values (`enum`, or `const` as its only value), as written. */
  enum?: unknown[];
  /** `default`, as written; absent when there is none. */
  default?: { value: unknown };
  /** `example` (3.0, 2.0) and `examples` (3.1), as written. */
  examples: unknown[];
  /** Readable bounds: `≥ 0`, `length ≤ 9`, `unique items`… */
  constraints: string[];
  pattern?: string;
  /** Properties in document order, those merged from `allOf` included. */
  properties: SchemaProperty[];
  /** Properties (or variants) left out once the node budget ran out; 0 when all are listed. */
  omitted: number;
  /** `additionalProperties`: `false`, `true`, or the schema of each extra value. */
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  /** `oneOf` or `anyOf`: exactly one, or at least one, of the variants. */
  choice?: SchemaChoice;
  /** `allOf` members that could not be merged into one object. */
  allOf: SchemaNode[];
  not?: SchemaNode;
  /** Components whose properties `allOf` merged in here, by name. */
  inherits: SchemaReference[];
}

export interface SchemaProperty {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface SchemaChoice {
  kind: 'oneOf' | 'anyOf';
  variants: SchemaVariant[];
  /** The property whose value tells the variants apart. */
  discriminator?: string;
}

export interface SchemaVariant {
  /** The component's name, else the variant's title, else `Option n`. */
  label: string;
  schema: SchemaNode;
  /** Values of the discriminator property that select this variant. */
  discriminatorValues: string[];
}

/** A component schema: its own section, which references link to. */
export interface ComponentSchema {
  name: string;
  anchor: string;
  schema: SchemaNode;
}

/** How the document says a caller authenticates. */
export interface SecurityScheme {
  /** The scheme's key under `securitySchemes` (2.0 `securityDefinitions`). */
  name: string;
  anchor: string;
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  descriptionHtml: string;
  /** apiKey: where the key goes and under which name. */
  in?: 'header' | 'query' | 'cookie';
  parameterName?: string;
  /** http: `basic`, `bearer`…, and the token's format. */
  scheme?: string;
  bearerFormat?: string;
  /** oauth2: the flows it offers. */
  flows: OAuthFlow[];
  openIdConnectUrl?: string;
}

export interface OAuthFlow {
  kind: 'authorizationCode' | 'clientCredentials' | 'implicit' | 'password';
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: { name: string; description: string }[];
}

/** Schemes used together; an empty list means no authentication. */
export interface SecurityRequirement {
  schemes: { name: string; scopes: string[] }[];
}

/** A tag as the sidebar and the grouped operations show it. */
export interface TagDetails {
  name: string;
  /** `tag-departements`: readable, accents kept as their base letters. */
  anchor: string;
  descriptionHtml: string;
}
