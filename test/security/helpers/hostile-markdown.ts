import { documentWithPathItem, type HostileFile } from './hostile-repo.ts';

/**
 * Two APIs: `good`, whole, and `hostile`, whose `info.description` is 5,000 `>` (5 KB that
 * overflowed the renderer's stack and stopped lint, build and sandbox for every API).
 */
export function hostileMarkdownRepo(): Record<string, HostileFile> {
  const good = documentWithPathItem(
    [
      'get:',
      '  summary: List things',
      '  responses:',
      "    '200':",
      '      description: OK',
      '      content:',
      '        application/json:',
      '          example: { ok: true }',
    ].join('\n'),
  );
  return {
    'apis/good/openapi.yaml': good,
    'apis/hostile/openapi.yaml': good.replace(
      '  version: 1.0.0\n',
      `  version: 1.0.0\n  description: "${'>'.repeat(5000)}"\n`,
    ),
  };
}

/** The problem every command prints for it, paths from the repository's root. */
export const hostileMarkdownProblem =
  'apis/hostile/openapi.yaml:5 — info.description — nests block quotes and lists more than 32 levels deep — flatten the quotes and lists: a few levels say as much';
