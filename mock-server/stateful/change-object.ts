import { findRequestErrors } from '../prism/prism-checks.ts';
import { applyJsonPatch, applyMergePatch, jsonPatchType } from './apply-patch.ts';
import { isJsonObject, setOwn, type JsonObject } from './json-values.ts';
import { findRequestSchema, findSuccessStatus, readFields } from './operation-answers.ts';
import { checkObject, findObjectAnswer, findOwnAnswer, isSameSchema } from './object-schema.ts';
import { omitFields, shapeObject } from './shape-object.ts';
import {
  answerJson,
  answerNotFound,
  describeObject,
  parseStored,
  refuseFindings,
  refuseResult,
  refuseWrite,
  type StatefulCall,
  type StatefulOutcome,
} from './stateful-call.ts';

/**
 * The operations on one stored object: read (`GET`), replace (`PUT`), change (`PATCH`) and
 * remove (`DELETE`). Each checks the request as Prism would first, then finds the consumer's
 * object or answers the document's 404.
 */

type Loaded = { id: string; object: JsonObject } | { outcome: StatefulOutcome };

async function load(call: StatefulCall): Promise<Loaded> {
  const errors = findRequestErrors(call.route.operation, call.input);
  if (errors.length > 0) return { outcome: refuseFindings(errors) };
  const { resource } = call.route;
  const id = call.params[resource.idParameter] ?? '';
  const text = await call.store.read(call.scope, call.key, id);
  if (text === undefined) {
    return { outcome: await answerNotFound(call, describeObject(resource.name, id)) };
  }
  return { id, object: parseStored(text) };
}

/** What the operation answers once the object is written: the object, or no body. */
function answerWith(call: StatefulCall, object: JsonObject, now: Date): StatefulOutcome {
  const own = findOwnAnswer(call.route.operation);
  if (!own) return answerJson(findSuccessStatus(call.route.operation) ?? 204, undefined, undefined);
  const target = findObjectAnswer(call.route);
  const body =
    target && !isSameSchema(own.schema, target.answer.schema)
      ? shapeObject(call.route.operation, own.schema, {
          given: object,
          base: undefined,
          now,
          strict: true,
        })
      : object;
  return answerJson(own.status, own.mediaType, body);
}

/** `GET` of one object: the consumer's, as stored. */
export async function readObject(call: StatefulCall): Promise<StatefulOutcome> {
  const loaded = await load(call);
  if ('outcome' in loaded) return loaded.outcome;
  return answerWith(call, loaded.object, call.now);
}

/**
 * Writes a changed object after checking it against the object's schema; its identifier
 * cannot change.
 */
async function write(call: StatefulCall, id: string, changed: JsonObject, previous: JsonObject) {
  const { idField } = call.route.resource;
  if (idField !== undefined && Object.hasOwn(previous, idField)) {
    setOwn(changed, idField, previous[idField]);
  }
  const target = findObjectAnswer(call.route);
  const findings = target ? checkObject(target, changed) : [];
  if (findings.length > 0) return refuseResult(findings);
  const written = await call.store.replace(call.scope, call.key, id, JSON.stringify(changed));
  if (!written.ok) return refuseWrite(written, call, id);
  return answerWith(call, changed, call.now);
}

/**
 * `PUT`: the fields the request's schema declares are replaced by the body's (absent ones
 * go); those it does not declare (the identifier, dates and statuses the server sets) stay.
 */
export async function replaceObject(call: StatefulCall): Promise<StatefulOutcome> {
  const loaded = await load(call);
  if ('outcome' in loaded) return loaded.outcome;
  const { operation } = call.route;
  const given = isJsonObject(call.input.body) ? call.input.body : {};
  const declared = readFields(
    operation,
    findRequestSchema(operation, call.input.headers?.['content-type']),
  ).properties.keys();
  const kept = omitFields(loaded.object, declared);
  const target = findObjectAnswer(call.route);
  const changed = shapeObject(target?.operation ?? operation, target?.answer.schema, {
    given,
    base: kept,
    now: call.now,
  });
  return write(call, loaded.id, changed, loaded.object);
}

/** `PATCH`: a JSON merge patch, or a JSON Patch when sent as `application/json-patch+json`. */
export async function updateObject(call: StatefulCall): Promise<StatefulOutcome> {
  const loaded = await load(call);
  if ('outcome' in loaded) return loaded.outcome;
  const type = call.input.headers?.['content-type']?.split(';')[0]?.trim().toLowerCase();
  const patched =
    type === jsonPatchType && call.route.resource.patch?.jsonPatch === true
      ? applyJsonPatch(loaded.object, call.input.body)
      : applyMergePatch(loaded.object, call.input.body);
  if (!patched.ok) {
    return patched.conflict
      ? {
          refusal: {
            name: 'patchNotApplicable',
            detail: {
              en: `The patch does not apply: ${patched.message}.`,
              fr: `Le correctif ne s’applique pas : ${patched.message}.`,
            },
          },
        }
      : {
          refusal: {
            name: 'requestViolations',
            detail: {
              en: `The patch is not valid: ${patched.message}.`,
              fr: `Le correctif n’est pas valide : ${patched.message}.`,
            },
            extensions: { violations: [{ location: 'body', message: patched.message }] },
          },
        };
  }
  return write(call, loaded.id, patched.value, loaded.object);
}

/** `DELETE`: the object is gone, and reading it then answers 404. */
export async function removeObject(call: StatefulCall): Promise<StatefulOutcome> {
  const loaded = await load(call);
  if ('outcome' in loaded) return loaded.outcome;
  await call.store.remove(call.scope, call.key, loaded.id);
  return answerWith(call, loaded.object, call.now);
}
