import { toIdText } from '../../catalog/resources/collect-seeds.ts';
import { toRefusal } from '../answer/to-refusal.ts';
import { drawIdentifier } from './draw-identifier.ts';
import { isJsonObject, setOwn, type JsonObject } from './json-values.ts';
import { findRequestSchema, readFields } from './operation-answers.ts';
import {
  checkObject,
  findObjectAnswer,
  findOwnAnswer,
  isSameSchema,
  mendObject,
} from './object-schema.ts';
import { shapeObject, toBase } from './shape-object.ts';
import { toItemReference } from './item-reference.ts';
import {
  answerJson,
  refuseFindings,
  refuseWrite,
  type StatefulCall,
  type StatefulOutcome,
} from './stateful-call.ts';

/** Prism's diagnostics use 0 for errors. */
const errorSeverity = 0;

/**
 * `POST` on a collection: Prism checks the request (422 with the violations) and gives the
 * document's answer as a base; the object is the consumer's fields over that base, shaped by
 * the object's schema, with a new identifier of the schema's kind (or the consumer's own, when
 * the request's schema lets it give one); it is stored and answered 201 with `Location`. An
 * object that cannot be made to fit its schema is not stored: the document's answer goes out,
 * saying so in `X-Guichet-Not-Stored`.
 */
export async function createObject(call: StatefulCall): Promise<StatefulOutcome> {
  const { route, input, store, scope, key, now } = call;
  const { resource, operation } = route;
  const mocked = await call.mocker.mock(operation, input, call.preferences, true);
  if ('error' in mocked) return { refusal: toRefusal(mocked.error) };
  const errors = mocked.answer.violations.filter((item) => item.severity === errorSeverity);
  if (errors.length > 0) return refuseFindings(errors);
  const output = mocked.answer.response;
  const documentAnswer = answerJson(
    output.statusCode,
    undefined,
    output.body,
    output.headers ?? {},
  );
  const target = findObjectAnswer(route);
  if (!target) return documentAnswer;

  const given: JsonObject = isJsonObject(input.body) ? { ...input.body } : {};
  const { idField } = resource;
  const requestFields = readFields(
    operation,
    findRequestSchema(operation, input.headers?.['content-type']),
  );
  const ownId =
    idField !== undefined && requestFields.properties.has(idField)
      ? toIdText(given[idField])
      : undefined;
  const draw = (retry: boolean) =>
    drawIdentifier(operation, resource.idSchema, () => store.maxNumericId(scope, key), retry);
  let drawn =
    ownId !== undefined
      ? { value: given[idField ?? ''] as string | number, text: ownId }
      : await draw(false);
  if (!drawn) return notStored(documentAnswer, 'no identifier fits its schema');
  const idValue = (value: string | number): string | number =>
    idField !== undefined && typeof value === 'number' && isTextField(target, idField)
      ? String(value)
      : value;
  if (idField !== undefined) setOwn(given, idField, idValue(drawn.value));

  // The creation's answer says what a new object holds (a draft has no decision yet); the
  // read's example only fills what the object's schema requires and that answer lacks.
  const base = toBase(output.body);
  const fallback = toBase(target.answer.example);
  const keep = new Set(idField === undefined ? [] : [idField]);
  let object = shapeObject(target.operation, target.answer.schema, { given, base, fallback, now });
  let findings = checkObject(target, object);
  // Mended with the example's values first, then with values drawn from the schema.
  for (const source of [base ?? fallback, undefined]) {
    if (findings.length === 0) break;
    object = mendObject(target, object, source, findings, keep);
    findings = checkObject(target, object);
  }
  if (findings.length > 0) {
    return notStored(documentAnswer, findings[0]?.message ?? 'it breaks its schema');
  }
  // A creation declared without a JSON answer (201 and `Location` alone) answers no body.
  const created = findOwnAnswer(operation);
  const body = !created
    ? undefined
    : !isSameSchema(created.schema, target.answer.schema)
      ? shapeObject(operation, created.schema, {
          given: object,
          base: toBase(output.body),
          now,
          strict: true,
        })
      : object;
  let written = await store.insert(scope, key, drawn.text, JSON.stringify(object));
  // A drawn id already taken (rare: a consumer's own, or a seed's) is drawn again.
  for (
    let attempt = 0;
    !written.ok && written.reason === 'exists' && ownId === undefined && attempt < 8;
    attempt += 1
  ) {
    const again = await draw(true);
    if (!again) break;
    drawn = again;
    if (idField !== undefined) setOwn(object, idField, idValue(drawn.value));
    if (body !== object && body && idField !== undefined)
      setOwn(body, idField, idValue(drawn.value));
    written = await store.insert(scope, key, drawn.text, JSON.stringify(object));
  }
  if (!written.ok) return refuseWrite(written, call, drawn.text);
  const headers: Record<string, unknown> = { ...(output.headers ?? {}) };
  delete headers.location;
  delete headers.Location;
  if (route.operations.read) {
    headers.Location = toItemReference(input.url.path, resource, call.params, drawn.text);
  }
  return answerJson(
    output.statusCode,
    created?.mediaType ?? target.answer.mediaType,
    body,
    headers,
  );
}

/** True when the object's schema types a field as text only (an id numbered in its path). */
function isTextField(
  target: NonNullable<ReturnType<typeof findObjectAnswer>>,
  name: string,
): boolean {
  const field = readFields(target.operation, target.answer.schema).properties.get(name);
  return field?.type === 'string';
}

function notStored(outcome: StatefulOutcome, why: string): StatefulOutcome {
  if (!('answer' in outcome)) return outcome;
  return {
    answer: {
      ...outcome.answer,
      headers: { ...outcome.answer.headers, 'X-Guichet-Not-Stored': why.slice(0, 200) },
    },
  };
}
