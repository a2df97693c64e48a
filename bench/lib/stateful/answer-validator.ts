import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { dropLiteralReferences } from '../../../catalog/openapi/literal-values.ts';
import { prepareByReference } from '../../../mock-server/prepare/prepare-by-reference.ts';
import type { MockOperation } from '../../../mock-server/prism/prism-engine.ts';

/**
 * Checks the sandbox's answers against what the document declares, with a real JSON Schema
 * validator (ajv, draft-07 or 2020-12 as the schema says) over the schemas as the OpenAPI
 * document gives them once read by Prism's transformer (OpenAPI 3.0's `nullable` and Swagger
 * 2.0 turned into JSON Schema), `$ref`s kept in one bundle so any document reads in
 * milliseconds. Independent of the mock server's own checks.
 */
export interface AnswerValidator {
  /** The validator's complaints about `body` as the answer of `METHOD /template` for `status`. */
  check(method: string, template: string, status: number, body: unknown): string[];
}

/** The document's operations as Prism reads them, `$ref`s kept (`prepare-by-reference.ts`). */
export function readOperations(document: Record<string, unknown>): MockOperation[] {
  const copy = structuredClone(document);
  dropLiteralReferences(copy);
  return prepareByReference(copy) as MockOperation[];
}

/** Reads the document once and compiles each answer's schema the first time it is asked for. */
export function createAnswerValidator(operations: readonly MockOperation[]): AnswerValidator {
  const options = { strict: false, allErrors: true, allowUnionTypes: true } as const;
  const draft7 = new Ajv(options);
  const draft2020 = new Ajv2020(options);
  for (const ajv of [draft7, draft2020]) addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  return {
    check(method, template, status, body) {
      const operation = operations.find(
        (item) => item.method.toUpperCase() === method && item.path === template,
      );
      if (!operation) return [`no operation ${method} ${template}`];
      const response = operation.responses.find((item) => item.code === String(status));
      if (!response) return [`${method} ${template} declares no ${String(status)}`];
      const content = response.contents?.find((item) => /json/.test(item.mediaType));
      // No JSON content declared, or one without a schema: nothing to hold the body to.
      if (!content?.schema) return [];
      const key = `${method} ${template} ${String(status)}`;
      let validate = compiled.get(key);
      if (!validate) {
        const { $schema, ...schema } = content.schema as Record<string, unknown>;
        const ajv = String($schema).includes('2020-12') ? draft2020 : draft7;
        // `$ref`s point into the bundle, carried along as Prism's own validator does.
        const bundle = (operation as { __bundled__?: unknown }).__bundled__;
        validate = ajv.compile({ ...schema, __bundled__: bundle });
        compiled.set(key, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`,
      );
    },
  };
}
