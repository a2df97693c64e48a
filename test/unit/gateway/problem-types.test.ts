import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemTypeList, problemTypes } from '../../../gateway-stub/index.ts';
import {
  toProblemBody,
  toRawProblemResponse,
} from '../../../gateway-stub/problems/problem-body.ts';

describe('problem types', () => {
  it('lists each type once, under /problems/, in status order', () => {
    const types = problemTypeList.map((problem) => problem.type);
    assert.equal(new Set(types).size, Object.keys(problemTypes).length);
    for (const problem of problemTypeList) {
      assert.match(problem.type, /^\/problems\/[a-z]+(?:-[a-z]+)*$/);
      assert.ok(problem.description.length > 20, problem.slug);
    }
    const statuses = problemTypeList.map((problem) => problem.status);
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => a - b),
    );
  });

  it('gives distinct types to the five reasons a subscription refuses a call', () => {
    const forbidden = problemTypeList
      .filter((problem) => problem.status === 403)
      .map((problem) => problem.slug);
    for (const slug of [
      'not-subscribed',
      'subscription-pending',
      'subscription-rejected',
      'subscription-revoked',
      'subscription-expired',
    ]) {
      assert.ok(forbidden.includes(slug), slug);
    }
  });

  it('builds RFC 9457 bodies with the request id as instance', () => {
    assert.deepEqual(toProblemBody('quotaExceeded', 'Retry in 3 s.', 'req-1', { extra: 1 }), {
      type: '/problems/quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'Retry in 3 s.',
      instance: 'req-1',
      extra: 1,
    });
    const raw = toRawProblemResponse('headersTooLarge', 'Too big.', 'req-2');
    assert.match(raw, /^HTTP\/1\.1 431 Request headers too large\r\n/);
    assert.match(raw, /Content-Type: application\/problem\+json\r\n/);
    assert.match(raw, /"instance":"req-2"/);
  });
});
