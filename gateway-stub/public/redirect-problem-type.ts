import { problemTypeList } from '../../catalog/sandbox-problems.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendBody, sendProblem } from '../http/send-response.ts';

/** Where problem `type` URIs (`/problems/<slug>`) land when resolved against the sandbox. */
export const problemTypePrefix = '/problems/';

const slugs = new Set(problemTypeList.map((problem) => problem.slug));

/**
 * Problem `type` members are relative (`/problems/quota-exceeded`), so a partner following one
 * from a sandbox answer resolves it against the sandbox's address. The gateway sends them on to
 * the portal's page for that type, which explains it; without a portal URL it says where to look.
 */
export function redirectProblemType(
  exchange: Exchange,
  url: string,
  portalUrl: string | undefined,
): void {
  const slug = url.slice(problemTypePrefix.length).split(/[/?#]/)[0] ?? '';
  if (!slugs.has(slug) || portalUrl === undefined) {
    sendProblem(exchange, 'notFound', {
      en: `No problem type named "${slug}". The portal's /problems/ page lists them all.`,
      fr: `Aucun type de problème nommé « ${slug} ». La page /problems/ du portail les liste tous.`,
    });
    return;
  }
  sendBody(exchange, 302, 'text/plain; charset=utf-8', `See ${portalUrl}/problems/${slug}/\n`, {
    location: `${portalUrl}/problems/${slug}/`,
  });
}
