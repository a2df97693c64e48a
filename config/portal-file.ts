import { z } from 'zod';

/**
 * `portal.yaml`: what an administration sets to put its name on the portal — the interface's
 * language, its name and logo, its colour, the footer's links and what its accessibility
 * statement declares. Every field is optional: a repository without the file builds the French
 * portal with guichet's defaults.
 */

/** Languages the interface is written in; the catalogues live in `site/i18n/`. */
export const portalLanguages = ['fr', 'en'] as const;
export type PortalLanguage = (typeof portalLanguages)[number];

/**
 * How the portal looks: guichet's own `neutral` theme (the organisation's colour), or `dsfr`, the
 * Système de Design de l'État served from its official package — for State services only.
 */
export const portalThemes = ['neutral', 'dsfr'] as const;
export type PortalTheme = (typeof portalThemes)[number];

// A colour lands in a style attribute: only `#rgb` or `#rrggbb`, so nothing else can be written
// there. Buttons write white text on it, so it must leave that text readable (WCAG AA, 4.5:1).
const colourSchema = z
  .string()
  .trim()
  .refine((value) => /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(value), {
    message: 'must be a colour written #rgb or #rrggbb',
    params: { hint: "write the colour in hexadecimal, such as '#000091'" },
  })
  .superRefine((value, context) => {
    if (!/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(value)) return;
    const ratio = toContrastWithWhite(value);
    if (ratio >= 4.5) return;
    context.addIssue({
      code: 'custom',
      message: `white text on ${value} has a contrast of ${ratio.toFixed(1)}:1, under the 4.5:1 WCAG asks`,
      params: { hint: 'choose a darker colour (buttons write white text on it)' },
    });
  });

/** WCAG 2.1's contrast ratio of white on `#rgb` or `#rrggbb`. */
export function toContrastWithWhite(hex: string): number {
  const digits =
    hex.length === 4
      ? hex
          .slice(1)
          .split('')
          .map((digit) => digit + digit)
      : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  const [red = 0, green = 0, blue = 0] = digits.map((pair) => {
    const channel = Number.parseInt(pair, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return 1.05 / (luminance + 0.05);
}

// Links lead away, they are never fetched by the page; still, only web addresses or paths of the
// portal itself, never `javascript:` or `data:`.
const hrefSchema = z
  .string()
  .trim()
  .refine((value) => /^https:\/\/[^\s"'<>]+$/.test(value) || /^\/(?!\/)[^\s"'<>]*$/.test(value), {
    message: 'must be an https:// address or a path of the portal starting with /',
    params: { hint: 'write https://… for another site, /page/ for a page of this portal' },
  });

const footerLinkSchema = z.strictObject({
  /** Text of the link. */
  label: z.string().trim().min(1).max(80).describe('Text of the link.'),
  /** An `https://` address or a path of the portal (`/mentions-legales/`). */
  href: hrefSchema.describe(
    'An `https://` address, or a path of the portal (`/mentions-legales/`) that follows its base path.',
  ),
});

/** RGAA's three states of compliance, as the statement must declare them. */
export const complianceStates = ['full', 'partial', 'none'] as const;

const accessibilitySchema = z.strictObject({
  /**
   * State of compliance with RGAA 4 as an audit established it — declared here, never worked out
   * by guichet. `none` (non conforme) until an audit says otherwise.
   */
  compliance: z
    .enum(complianceStates)
    .default('none')
    .describe(
      'State of compliance with RGAA 4 an audit established: `full` (totalement conforme), `partial` (partiellement conforme) or `none` (non conforme). Declared, never worked out by guichet.',
    ),
  /** Share of RGAA criteria met, as the audit reports it (0–100). */
  rate: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('Share of RGAA criteria met, as the audit reports it (0–100).'),
  /** Date of the audit, `YYYY-MM-DD`. */
  auditDate: z.iso.date().optional().describe('Date of the audit, `YYYY-MM-DD`.'),
  /** Who carried out the audit. */
  auditor: z.string().trim().min(1).max(200).optional().describe('Who carried out the audit.'),
  /** Known non-conformities, one sentence each. */
  nonConformities: z
    .array(z.string().trim().min(1).max(500))
    .max(100)
    .default([])
    .describe('Known non-conformities, one sentence each.'),
  /** Content exempt from the obligation, and why. */
  derogations: z
    .array(z.string().trim().min(1).max(500))
    .max(100)
    .default([])
    .describe('Content exempt from the obligation, and why.'),
  /** Where users report an accessibility problem. */
  contact: z
    .strictObject({
      email: z.email().optional(),
      url: hrefSchema.optional(),
    })
    .default({})
    .describe('Where users report an accessibility problem: `email`, `url` or both.'),
});

/** The schema of `portal.yaml`. */
export const portalFileSchema = z.strictObject({
  /** Language of the portal's interface; owners' content keeps its own. */
  language: z
    .enum(portalLanguages)
    .default('fr')
    .describe(
      "Language of the portal's interface: `fr` (default) or `en`. Owners' content keeps its own.",
    ),
  /**
   * Languages the interface is built in. Unset, the portal is built in `language` alone: each
   * language builds every page again, so a second one is chosen, never given by default.
   */
  languages: z
    .array(z.enum(portalLanguages))
    .min(1)
    .optional()
    .describe(
      'Languages the interface is built in, such as `[fr, en]`: `language` is served at the root (unless `prefixDefaultLanguage`), each other one under its prefix (`/en/…`), with a language switcher on every page. Unset, the portal is built in `language` alone.',
    ),
  /** Whether the default language is served under its prefix too (`/fr/…`), the root leading to it. */
  prefixDefaultLanguage: z
    .boolean()
    .default(false)
    .describe(
      'Serve the default language under its prefix too (`/fr/…`, the root and every former address leading there), instead of at the root.',
    ),
  /** Name of the portal, in the header and every page's title. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .default('guichet')
    .describe("Name of the portal, in the header and every page's title."),
  /** The administration that publishes the portal (`Ministère de l'Exemple`). */
  organisation: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("The administration that publishes the portal (`Ministère de l'Exemple`)."),
  /** `neutral` (guichet's look, the organisation's colour) or `dsfr` (the State design system). */
  theme: z
    .enum(portalThemes)
    .default('neutral')
    .describe(
      "`neutral` (default: guichet's look in the organisation's colour) or `dsfr`: the Système de Design de l'État from its official package, served from the build. The DSFR is reserved to State services (see its terms of use).",
    ),
  /**
   * The DSFR theme's brand block (bloc-marque): the official name of the ministry, one entry per
   * line as the State's brand writes it (`Ministère` / `de l'Exemple`).
   */
  brandBlock: z
    .array(z.string().trim().min(1).max(40))
    .min(1)
    .max(5)
    .default(['République', 'Française'])
    .describe(
      "The DSFR theme's brand block: the ministry's official name, one entry per line (`[Ministère, de l'Exemple]`); `[République, Française]` by default.",
    ),
  /** Path of the logo, from the folder of `portal.yaml`: an SVG or PNG of at most 64 KB. */
  logo: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe(
      'Path of the logo from the folder of portal.yaml: an SVG or PNG of at most 64 KB, inlined in the pages (never fetched from elsewhere).',
    ),
  /** Colours of the neutral theme. */
  colours: z
    .strictObject({
      /** Links, buttons and the header's mark. */
      primary: colourSchema
        .default('#0b4fa8')
        .describe('Links, buttons and the header; white text on it must reach 4.5:1.'),
    })
    .default({ primary: '#0b4fa8' })
    .describe('Colours of the neutral theme.'),
  /** Links the footer adds (legal notice, personal data, contact). */
  footerLinks: z
    .array(footerLinkSchema)
    .max(20)
    .default([])
    .describe('Links the footer adds: legal notice, personal data, contact.'),
  /** What the accessibility statement declares. */
  accessibility: accessibilitySchema
    .describe('What the accessibility statement (`/accessibility/`) declares.')
    .default({
      compliance: 'none',
      nonConformities: [],
      derogations: [],
      contact: {},
    }),
});

/** `portal.yaml`'s schema with the checks across fields: the default language is one built. */
export const checkedPortalFileSchema = portalFileSchema.superRefine((file, context) => {
  if (!file.languages) return;
  const seen = new Set<PortalLanguage>();
  for (const language of file.languages) {
    if (seen.has(language)) {
      context.addIssue({
        code: 'custom',
        path: ['languages'],
        message: `lists ${language} twice`,
        params: { hint: 'list each language once' },
      });
      return;
    }
    seen.add(language);
  }
  if (seen.has(file.language)) return;
  context.addIssue({
    code: 'custom',
    path: ['languages'],
    message: `must include the default language "${file.language}"`,
    params: { hint: `add ${file.language} to languages, or set language to one of them` },
  });
});

/** `portal.yaml` as written. */
export type PortalFileInput = z.input<typeof portalFileSchema>;
/** `portal.yaml` once validated, defaults applied. */
export type PortalFile = z.output<typeof portalFileSchema>;
