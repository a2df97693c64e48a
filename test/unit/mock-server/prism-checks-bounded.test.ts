// The stateful layer's checks are imported first here, before anything else of the mock
// server, as a process that reaches them first would: Prism's validator must still be the one
// that compiles patterns with the bounded engine.
import { findRequestErrors } from '../../../mock-server/prism/prism-checks.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPatternsBounded } from '../../../mock-server/prism/use-bounded-patterns.ts';
import type { MockOperation } from '../../../mock-server/prism/prism-engine.ts';

test("the stateful layer's checks load Prism's validator with the bounded pattern engine", () => {
  assert.doesNotThrow(() => {
    assertPatternsBounded();
  });
});

test("the stateful layer's request check runs a catastrophic pattern within the budget", () => {
  const operation = {
    id: 'redos',
    method: 'get',
    path: '/redos',
    request: {
      query: [
        {
          name: 'q',
          style: 'form',
          required: true,
          schema: { type: 'string', pattern: '^(a+)+$' },
        },
      ],
    },
    responses: [],
  } as unknown as MockOperation;
  const findings = findRequestErrors(operation, {
    method: 'get',
    url: { path: '/redos', query: { q: `${'a'.repeat(40)}!` } },
    headers: {},
  });
  // A backtracking engine would take hours on this value; the bounded one finds the violation.
  assert.equal(findings.length, 1);
  assert.match(findings[0]?.message ?? '', /pattern/);
});
