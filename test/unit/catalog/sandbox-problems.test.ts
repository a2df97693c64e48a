import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemTypeList, toProblemBody } from '../../../catalog/sandbox-problems.ts';

test('every problem type has its own slug, a 4xx or 5xx status and words for the portal page', () => {
  const slugs = problemTypeList.map((problem) => problem.slug);
  assert.equal(new Set(slugs).size, slugs.length, `duplicate slugs in ${slugs.join(', ')}`);
  for (const problem of problemTypeList) {
    assert.match(problem.slug, /^[a-z]+(?:-[a-z]+)*$/);
    assert.ok(
      problem.status >= 400 && problem.status < 600,
      `${problem.slug} has status ${String(problem.status)}`,
    );
    assert.ok(
      problem.title.length > 0 && problem.description.length > 20,
      `${problem.slug} is described`,
    );
    assert.equal(problem.type, `/problems/${problem.slug}`);
  }
  const statuses = problemTypeList.map((problem) => problem.status);
  assert.deepEqual(
    statuses,
    [...statuses].sort((a, b) => a - b),
    'listed in status order',
  );
});

test('a problem body carries the five RFC 9457 members, the request id as instance, and extensions', () => {
  assert.deepEqual(
    toProblemBody('quotaExceeded', 'No requests left this minute.', 'req-1', { retryAfter: 12 }),
    {
      type: '/problems/quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'No requests left this minute.',
      instance: 'req-1',
      retryAfter: 12,
    },
  );
});
