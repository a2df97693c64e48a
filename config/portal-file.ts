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

// A colour lands in a style attribute: only `#rgb` or `#rrggbb`, so nothing else can be written there.
const colourSchema = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, { message: 'must be a colour written #rgb or #rrggbb' });

// Links lead away, they are never fetched by the page; still, only web addresses or paths of the
// portal itself, never `javascript:` or `data:`.
const hrefSchema = z
  .string()
  .trim()
  .refine((value) => /^https:\/\/[^\s"'<>]+$/.test(value) || /^\/(?!\/)[^\s"'<>]*$/.test(value), {
    message: 'must be an https:// address or a path of the portal starting with /',
  });

const footerLinkSchema = z.strictObject({
  /** Text of the link. */
  label: z.string().trim().min(1).max(80),
  /** An `https://` address or a path of the portal (`/mentions-legales/`). */
  href: hrefSchema,
});

/** RGAA's three states of compliance, as the statement must declare them. */
export const complianceStates = ['full', 'partial', 'none'] as const;

const accessibilitySchema = z.strictObject({
  /**
   * State of compliance with RGAA 4 as an audit established it — declared here, never worked out
   * by guichet. `none` (non conforme) until an audit says otherwise.
   */
  compliance: z.enum(complianceStates).default('none'),
  /** Share of RGAA criteria met, as the audit reports it (0–100). */
  rate: z.number().min(0).max(100).optional(),
  /** Date of the audit, `YYYY-MM-DD`. */
  auditDate: z.iso.date().optional(),
  /** Who carried out the audit. */
  auditor: z.string().trim().min(1).max(200).optional(),
  /** Known non-conformities, one sentence each. */
  nonConformities: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  /** Content exempt from the obligation, and why. */
  derogations: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  /** Where users report an accessibility problem. */
  contact: z
    .strictObject({
      email: z.email().optional(),
      url: hrefSchema.optional(),
    })
    .default({}),
});

/** The schema of `portal.yaml`. */
export const portalFileSchema = z.strictObject({
  /** Language of the portal's interface; owners' content keeps its own. */
  language: z.enum(portalLanguages).default('fr'),
  /** Name of the portal, in the header and every page's title. */
  name: z.string().trim().min(1).max(60).default('guichet'),
  /** The administration that publishes the portal (`Ministère de l'Exemple`). */
  organisation: z.string().trim().min(1).max(200).optional(),
  /** Path of the logo, from the folder of `portal.yaml`: an SVG or PNG of at most 64 KB. */
  logo: z.string().trim().min(1).max(300).optional(),
  /** Colours of the neutral theme. */
  colours: z
    .strictObject({
      /** Links, buttons and the header's mark. */
      primary: colourSchema.default('#0b4fa8'),
    })
    .default({ primary: '#0b4fa8' }),
  /** Links the footer adds (legal notice, personal data, contact). */
  footerLinks: z.array(footerLinkSchema).max(20).default([]),
  /** What the accessibility statement declares. */
  accessibility: accessibilitySchema.default({
    compliance: 'none',
    nonConformities: [],
    derogations: [],
    contact: {},
  }),
});

/** `portal.yaml` as written. */
export type PortalFileInput = z.input<typeof portalFileSchema>;
/** `portal.yaml` once validated, defaults applied. */
export type PortalFile = z.output<typeof portalFileSchema>;
