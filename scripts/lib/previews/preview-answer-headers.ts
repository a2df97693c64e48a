import type { OutgoingHttpHeaders } from 'node:http';
import {
  inertAnswerHeaders,
  isHostless,
  isJudgedName,
  isWithheldName,
  toLinkTargets,
  toSandboxReference,
  toWithheldReason,
  type AnswerBase,
} from '../../../catalog/sandbox-answer-headers.ts';

/** Where a preview's sandbox lives on the previews server, and what its gateway was asked. */
export interface PreviewAnswerTarget {
  /** The path the gateway answered. */
  path: string;
  /** `/<slug>/_sandbox`, under which the sandbox's own paths are served here. */
  prefix: string;
  /** The previews server's public origin. */
  origin: string;
}

/**
 * The headers of a preview gateway's answer as the previews server sends them on (from
 * `headers`, hop-by-hop ones already gone). Every preview shares this
 * server's origin, so the sandbox's one rule (`catalog/sandbox-answer-headers.ts`) holds for the
 * gateway's own answers too, not only for the mock server's it filtered already: nothing that
 * acts beyond the answer, and every answer inert as a page. A path of the sandbox's own
 * (`Location: /api/v1/x`, a `Link` to the next page) is the gateway's, which serves from its
 * root: it is rebased under the preview's `/<slug>/_sandbox`. An absolute URL on this server's
 * origin is the gateway's link to the preview's portal, and stays; any other is dropped.
 */
export function toPreviewAnswerHeaders(
  headers: OutgoingHttpHeaders,
  target: PreviewAnswerTarget,
): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || isWithheldName(name)) continue;
    if (!isJudgedName(name)) {
      kept[name] = value;
      continue;
    }
    const judged = toKeptValue(name, value, target);
    if (judged !== undefined) kept[name] = judged;
  }
  return Object.assign(kept, inertAnswerHeaders);
}

/** The value a judged header keeps, rebased where it is a path of the sandbox; or undefined. */
function toKeptValue(
  name: string,
  value: string | number | string[],
  target: PreviewAnswerTarget,
): string | undefined {
  // Two `Location`s make an answer no client can follow: neither is kept.
  if (typeof value !== 'string') return undefined;
  if (name === 'www-authenticate') {
    return toWithheldReason(name, value) === undefined ? value : undefined;
  }
  if (name !== 'link') return toKeptReference(value, target);
  const targets = toLinkTargets(value);
  const rebased = targets.map((url) => toKeptReference(url, target));
  if (rebased.some((url) => url === undefined)) return undefined;
  let index = 0;
  return value.replace(/<[^>]*>/g, () => `<${rebased[index++] ?? ''}>`);
}

function toKeptReference(value: string, target: PreviewAnswerTarget): string | undefined {
  const base: AnswerBase = { path: target.path };
  if (isHostless(value)) {
    const path = toSandboxReference(value, base);
    return path === undefined ? undefined : `${target.prefix}${path}`;
  }
  return toSandboxReference(value, { ...base, origin: target.origin }) === undefined
    ? undefined
    : value;
}
