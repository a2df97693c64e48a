import jsonPatch, { type Operation } from 'fast-json-patch';
import { isJsonObject, setOwn, type JsonObject } from './json-values.ts';

// fast-json-patch is CommonJS: its functions come from the default export.
const { JsonPatchError } = jsonPatch;

/** What a patch did: the new object, or why it could not be applied. */
export type PatchOutcome =
  { ok: true; value: JsonObject } | { ok: false; conflict: boolean; message: string };

/** The media type of JSON Patch documents (RFC 6902). */
export const jsonPatchType = 'application/json-patch+json';

/**
 * Applies a JSON merge patch (RFC 7396) to a stored object: each field of the patch replaces
 * the object's, `null` removes it, objects merge field by field. Field names are data, written
 * as own fields (`__proto__` included), and the object is copied, never changed in place.
 */
export function applyMergePatch(target: JsonObject, patch: unknown): PatchOutcome {
  if (!isJsonObject(patch)) {
    return { ok: false, conflict: false, message: 'a merge patch must be a JSON object' };
  }
  return { ok: true, value: mergeInto(target, patch) };
}

function mergeInto(target: unknown, patch: JsonObject): JsonObject {
  const result: JsonObject = {};
  if (isJsonObject(target)) {
    for (const name of Object.keys(target)) {
      // `null` in the patch removes the field: it is not copied.
      if (!Object.hasOwn(patch, name) || patch[name] !== null) setOwn(result, name, target[name]);
    }
  }
  for (const name of Object.keys(patch)) {
    const value = patch[name];
    if (value === null) {
      continue;
    } else if (isJsonObject(value)) {
      setOwn(
        result,
        name,
        mergeInto(Object.hasOwn(result, name) ? result[name] : undefined, value),
      );
    } else {
      setOwn(result, name, value);
    }
  }
  return result;
}

/**
 * What one JSON Patch may do. Its operations are bounded by the body's size, but not their
 * work: a `copy` of the object into itself doubles it (sixty of them, 2^60 times), and each
 * `add` at the front of a long array moves all of it.
 */
export const patchLimits = {
  /** Operations of one patch: real patches hold a handful. */
  operations: 1000,
  /** Bytes (as JSON) that the `copy` operations of one patch may copy in all. */
  copiedBytes: 4 * 1024 * 1024,
} as const;

/** Thrown from the operation check once the copies of a patch pass `patchLimits.copiedBytes`. */
class CopiesTooLarge extends Error {}

/**
 * Applies a JSON Patch (RFC 6902) to a copy of a stored object, all operations or none. A
 * `test` that fails or a path that does not exist is a conflict with the object as stored;
 * a malformed patch, one reaching `__proto__`, or one past `patchLimits` is the request's
 * mistake.
 */
export function applyJsonPatch(target: JsonObject, patch: unknown): PatchOutcome {
  if (!Array.isArray(patch)) {
    return { ok: false, conflict: false, message: 'a JSON Patch must be a list of operations' };
  }
  if (patch.length > patchLimits.operations) {
    return {
      ok: false,
      conflict: false,
      message: `a JSON Patch may hold at most ${patchLimits.operations.toLocaleString('en')} operations (this one holds ${patch.length.toLocaleString('en')})`,
    };
  }
  let copied = 0;
  // fast-json-patch's own check of each operation, then the bytes each copy adds, measured on
  // the object as the operations before left it.
  const check = (operation: Operation, index: number, document: unknown): void => {
    jsonPatch.validator(operation, index);
    if (operation.op !== 'copy' || typeof operation.from !== 'string') return;
    let text: string | undefined;
    try {
      // `undefined` for a value JSON cannot hold: it copies nothing.
      const value: unknown = jsonPatch.getValueByPointer(document, operation.from);
      text = value === undefined ? undefined : JSON.stringify(value);
    } catch {
      // A `from` that reaches nothing: the copy itself says so.
      return;
    }
    copied += text?.length ?? 0;
    if (copied > patchLimits.copiedBytes) throw new CopiesTooLarge();
  };
  try {
    const { newDocument } = jsonPatch.applyPatch(target, patch as Operation[], check, false, true);
    if (!isJsonObject(newDocument)) {
      return {
        ok: false,
        conflict: false,
        message: 'the patch replaces the object by a non-object',
      };
    }
    return { ok: true, value: newDocument };
  } catch (error) {
    if (error instanceof CopiesTooLarge) {
      return {
        ok: false,
        conflict: false,
        message: `the patch copies more than ${String(patchLimits.copiedBytes / (1024 * 1024))} MiB of the object`,
      };
    }
    if (error instanceof JsonPatchError) {
      const conflict =
        error.name === 'TEST_OPERATION_FAILED' || error.name === 'OPERATION_PATH_UNRESOLVABLE';
      const at = error.operation === undefined ? '' : ` (operation ${String(error.index)})`;
      return { ok: false, conflict, message: `${error.message.split('\n')[0] ?? 'invalid'}${at}` };
    }
    return {
      ok: false,
      conflict: false,
      message: 'the patch may not change __proto__ or a prototype',
    };
  }
}
