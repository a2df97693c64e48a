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
 * Applies a JSON Patch (RFC 6902) to a copy of a stored object, all operations or none. A
 * `test` that fails or a path that does not exist is a conflict with the object as stored;
 * a malformed patch, or one reaching `__proto__`, is the request's mistake.
 */
export function applyJsonPatch(target: JsonObject, patch: unknown): PatchOutcome {
  if (!Array.isArray(patch)) {
    return { ok: false, conflict: false, message: 'a JSON Patch must be a list of operations' };
  }
  try {
    const { newDocument } = jsonPatch.applyPatch(target, patch as Operation[], true, false, true);
    if (!isJsonObject(newDocument)) {
      return {
        ok: false,
        conflict: false,
        message: 'the patch replaces the object by a non-object',
      };
    }
    return { ok: true, value: newDocument };
  } catch (error) {
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
