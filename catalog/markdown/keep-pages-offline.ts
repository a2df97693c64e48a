import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Two stand-ins for the page an owner's HTML ends up on. Browsers resolve a URL by the WHATWG
 * rules (`/\host`, `http:/host`, ` //host` and a tab or newline inside all name another host),
 * and `https:host` means another host on an http page but a path on an https one: a URL is
 * local only when it stays on the page's origin against both.
 */
const pageBases = ['https://portal.invalid/apis/page/', 'http://portal.invalid/apis/page/'];

/** Properties (hast names) through which an element loads something by itself. */
const loadingProperties = new Set([
  'src',
  'srcSet',
  'poster',
  'data',
  'background',
  'action',
  'formAction',
  'ping',
  'lowsrc',
  'dynsrc',
  'xLinkHref',
  'codeBase',
  'classId',
  'archive',
  'manifest',
  'icon',
  'profile',
  'longDesc',
]);

/** Properties that only name a page to go to when the reader asks (a link, a citation). */
const linkProperties = new Set(['href', 'cite']);

/** Where a link may lead once resolved: the sanitiser's list for `href`. */
const linkProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Pages must never load anything from another host. Every URL an element would fetch by itself
 * is resolved as a browser would and kept only when it stays on the page's origin: a remote image
 * becomes a link to it, any other remote source is dropped, and a `srcset` is kept only when
 * every candidate is local. Links to other hosts stay links (a click is not a load) but open
 * without handing over the portal as referrer; a link that resolves to any other scheme goes.
 */
export function keepPagesOffline(tree: Root): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'img' && typeof node.properties.src !== 'string') {
      // The sanitiser took a `data:` or `javascript:` source away: nothing is left to show.
      if (parent && index !== undefined) parent.children.splice(index, 1);
      return index;
    }
    for (const [name, value] of Object.entries(node.properties)) {
      if (typeof value !== 'string') continue;
      const loads = loadingProperties.has(name) || (name === 'href' && node.tagName !== 'a');
      if (loads) {
        const local = name === 'srcSet' ? isLocalSrcset(value) : isLocal(value);
        if (local) continue;
        if (node.tagName === 'img' && name === 'src' && parent && index !== undefined) {
          parent.children[index] = toLinkInstead(node, value);
          return undefined;
        }
        node.properties[name] = undefined;
      } else if (linkProperties.has(name)) {
        const target = resolve(value, pageBases[0] as string);
        if (target === undefined || !linkProtocols.has(target.protocol)) {
          node.properties[name] = undefined;
        } else if (node.tagName === 'a' && target.protocol !== 'mailto:' && !isLocal(value)) {
          node.properties.rel = ['noopener', 'noreferrer'];
        }
      }
    }
    // Without a text alternative an image would be read out as its file name (RGAA 1.2):
    // an owner who wrote none is taken to mean it adds nothing to the text.
    if (node.tagName === 'img' && typeof node.properties.alt !== 'string') node.properties.alt = '';
    return undefined;
  });
}

/** A remote image, as a link the reader may follow to see it. */
function toLinkInstead(image: Element, src: string): Element {
  const target = resolve(src, pageBases[0] as string);
  const linkable = target !== undefined && linkProtocols.has(target.protocol);
  return {
    type: 'element',
    tagName: 'a',
    properties: linkable ? { href: src, rel: ['noopener', 'noreferrer'] } : {},
    children: [
      {
        type: 'text',
        value: typeof image.properties.alt === 'string' ? image.properties.alt : 'image',
      },
    ],
  };
}

function isLocal(url: string): boolean {
  return pageBases.every((base) => resolve(url, base)?.origin === new URL(base).origin);
}

/**
 * A `srcset` is candidates split by commas, each a URL and descriptors (`2x`, `480w`) split by
 * whitespace, where a URL may itself hold commas. Rather than guess which reading the browser
 * makes, every whitespace-separated run and every comma-separated piece of one must be local.
 */
function isLocalSrcset(srcset: string): boolean {
  for (const run of srcset.split(/[\t\n\f\r ]+/)) {
    const pieces = [run.replace(/^,+|,+$/g, ''), ...run.split(',')];
    for (const piece of pieces) {
      if (piece === '' || /^\d*\.?\d+(?:e[+-]?\d+)?[wxh]$/i.test(piece)) continue;
      if (!isLocal(piece)) return false;
    }
  }
  return true;
}

function resolve(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
