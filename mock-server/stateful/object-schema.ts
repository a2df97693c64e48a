import type { PrismFinding } from '../prism/prism-checks.ts';
import { findAnswerErrors, generateValue } from '../prism/prism-checks.ts';
import type { MockOperation } from '../prism/prism-engine.ts';
import { getOwn, setOwn, type JsonObject } from './json-values.ts';
import {
  findJsonAnswer,
  findSuccessStatus,
  readFields,
  type JsonAnswer,
} from './operation-answers.ts';
import type { StatefulRoute } from './stateful-routes.ts';

/** The operation whose success answer is the object as stored, and that answer. */
export interface ObjectAnswer {
  operation: MockOperation;
  answer: JsonAnswer;
}

/**
 * What an object of the resource must look like: the answer of its read (`GET` item), else of
 * its creation. Objects are stored in that shape, so reading one back answers as declared.
 */
export function findObjectAnswer(route: StatefulRoute): ObjectAnswer | undefined {
  for (const role of ['read', 'create', 'replace', 'update'] as const) {
    const operation = route.operations[role];
    const status = operation && findSuccessStatus(operation);
    const answer =
      operation && status !== undefined ? findJsonAnswer(operation, status) : undefined;
    if (operation && answer) return { operation, answer };
  }
  return undefined;
}

/** The operation's own success answer in JSON, if it has one. */
export function findOwnAnswer(operation: MockOperation): JsonAnswer | undefined {
  const status = findSuccessStatus(operation);
  return status === undefined ? undefined : findJsonAnswer(operation, status);
}

/** How `object` breaks an answer's schema; empty when it fits. */
export function checkObject(target: ObjectAnswer, object: unknown): PrismFinding[] {
  return findAnswerErrors(target.operation, target.answer.status, target.answer.mediaType, object);
}

/**
 * Mends the fields a check found at fault: each takes the base's value when the base has one
 * (a consumer's value that the answer's schema forbids, an answer stricter than the request,
 * gives way to the example's), else one drawn from the field's schema when it is required, else
 * is dropped. `base` undefined draws every faulty field: an example that breaks its own schema
 * (many real documents have one) gives way too.
 */
export function mendObject(
  target: ObjectAnswer,
  object: JsonObject,
  base: JsonObject | undefined,
  findings: readonly PrismFinding[],
  keep: ReadonlySet<string>,
): JsonObject {
  const fields = readFields(target.operation, target.answer.schema);
  const replaced: JsonObject = {};
  const dropped = new Set<string>();
  for (const finding of findings) {
    const path = (finding.path ?? []).filter((part, index) => index > 0 || part !== 'body');
    const name = path[0];
    if (name === undefined || keep.has(name)) continue;
    const fromBase = getOwn(base, name);
    const field = fields.properties.get(name);
    const drawn =
      fromBase === undefined && field && fields.required.has(name)
        ? generateValue(target.operation, field)
        : undefined;
    if (fromBase !== undefined) setOwn(replaced, name, fromBase);
    else if (drawn !== undefined) setOwn(replaced, name, drawn);
    else if (!fields.required.has(name)) dropped.add(name);
  }
  const mended: JsonObject = {};
  for (const name of Object.keys(object)) {
    if (dropped.has(name)) continue;
    setOwn(mended, name, Object.hasOwn(replaced, name) ? replaced[name] : object[name]);
  }
  return mended;
}

/** Pairs of schemas already compared: Prism's preparation copies a schema wherever it is used. */
const compared = new WeakMap<object, WeakMap<object, boolean>>();

/** True when two answers' schemas say the same (the same object, or equal as JSON). */
export function isSameSchema(first: unknown, second: unknown): boolean {
  if (first === second) return true;
  if (
    typeof first !== 'object' ||
    first === null ||
    typeof second !== 'object' ||
    second === null
  ) {
    return false;
  }
  const known = compared.get(first)?.get(second);
  if (known !== undefined) return known;
  let same: boolean;
  try {
    same = JSON.stringify(first) === JSON.stringify(second);
  } catch {
    // A schema that cannot be written as JSON (cyclic): compared by identity only.
    same = false;
  }
  const entry = compared.get(first) ?? new WeakMap<object, boolean>();
  entry.set(second, same);
  compared.set(first, entry);
  return same;
}
