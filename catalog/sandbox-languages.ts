import Negotiator from 'negotiator';
import { z } from 'zod';

/**
 * The languages the sandbox answers its refusals in, and how it picks one for a request: the
 * gateway, the mock server and the previews server all choose here, from `Accept-Language`
 * (RFC 9110 §12.5.4), so one request gets the same language whichever of them refuses it.
 */

/** Languages the sandbox writes its problems in (those of the portal's interface). */
export const sandboxLanguages = ['fr', 'en'] as const;

/** One language of the sandbox. */
export type SandboxLanguage = (typeof sandboxLanguages)[number];

/** A text in every language of the sandbox: leaving one out fails the type check. */
export type Localized = Readonly<Record<SandboxLanguage, string>>;

/** The sandbox's language when neither the portal nor the caller says otherwise. */
export const defaultSandboxLanguage: SandboxLanguage = 'fr';

/**
 * `GUICHET_LANGUAGE`, read by the gateway and the mock server: the portal's language, which
 * `npm run sandbox` sets from `portal.yaml`; empty or unset leaves the default.
 */
export const languageVariable = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.enum(sandboxLanguages).optional(),
);

/** Whether `value` names a language of the sandbox. */
export function isSandboxLanguage(value: unknown): value is SandboxLanguage {
  return sandboxLanguages.some((language) => language === value);
}

/**
 * Ranges read from one header. Browsers send a handful; negotiator's work grows with each
 * (a 9 KB header of 1,000 ranges cost 440 times a browser's, measured), so a hostile one would
 * make each refusal dear: past the first 32, ranges are ignored.
 */
export const maxLanguageRanges = 32;

// The default comes first: `*`, or ranges that weigh both the same, then pick it.
const orderedLanguages: Readonly<Record<SandboxLanguage, readonly SandboxLanguage[]>> = {
  fr: ['fr', 'en'],
  en: ['en', 'fr'],
};

/**
 * The language to answer a request in: the one its `Accept-Language` prefers among the
 * sandbox's (`en-GB` matches `en`, `*` any, `q=0` refuses), else `defaultLanguage`. The parsing
 * is negotiator's (the one Express uses), which skips each range it cannot read, so a malformed
 * header falls back to the default; only its first `maxLanguageRanges` ranges are read. Called
 * only when a refusal is sent, never on the way of a successful request.
 */
export function chooseLanguage(
  acceptLanguage: string | readonly string[] | undefined,
  defaultLanguage: SandboxLanguage,
): SandboxLanguage {
  // No header leaves the choice to the server (RFC 9110 §12.5.4): the default.
  if (acceptLanguage === undefined) return defaultLanguage;
  const header = typeof acceptLanguage === 'string' ? acceptLanguage : acceptLanguage.join(', ');
  // `split` with a limit stops scanning there: the rest of a long header is never read.
  const ranges = header.split(',', maxLanguageRanges).join(',');
  const chosen = new Negotiator({ headers: { 'accept-language': ranges } }).language(
    orderedLanguages[defaultLanguage],
  );
  return isSandboxLanguage(chosen) ? chosen : defaultLanguage;
}

/**
 * The headers a problem in `language` carries: `Content-Language` says which, and `Vary` tells
 * caches the answer depends on `Accept-Language`, appended to a `Vary` already set (`Origin`).
 */
export function toLanguageHeaders(
  language: SandboxLanguage,
  vary?: number | string | readonly string[],
): { 'content-language': SandboxLanguage; vary: string } {
  const given = vary === undefined ? '' : Array.isArray(vary) ? vary.join(', ') : String(vary);
  return {
    'content-language': language,
    vary: given === '' ? 'Accept-Language' : `${given}, Accept-Language`,
  };
}
