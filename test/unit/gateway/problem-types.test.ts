import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemTypeList, problemTypes } from '../../../gateway-stub/index.ts';
import {
  toProblemBody,
  toRawProblemResponse,
} from '../../../gateway-stub/problems/problem-body.ts';
import { accessProblems } from '../../../catalog/problem-types/access-problems.ts';
import { limitProblems } from '../../../catalog/problem-types/limit-problems.ts';
import { requestProblems } from '../../../catalog/problem-types/request-problems.ts';
import { serverProblems } from '../../../catalog/problem-types/server-problems.ts';
import { targetProblems } from '../../../catalog/problem-types/target-problems.ts';

describe('problem types', () => {
  it('lists each type once, under /problems/, in status order', () => {
    const types = problemTypeList.map((problem) => problem.type);
    assert.equal(new Set(types).size, Object.keys(problemTypes).length);
    for (const problem of problemTypeList) {
      assert.match(problem.type, /^\/problems\/[a-z]+(?:-[a-z]+)*$/);
      assert.ok(problem.description.en.length > 20, problem.slug);
      assert.ok(problem.description.fr.length > 20, problem.slug);
    }
    const statuses = problemTypeList.map((problem) => problem.status);
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => a - b),
    );
  });

  it('keeps every type of every status-class file, none named twice', () => {
    const parts = [requestProblems, accessProblems, targetProblems, limitProblems, serverProblems];
    const names = parts.flatMap((part) => Object.keys(part));
    assert.equal(new Set(names).size, names.length);
    assert.equal(Object.keys(problemTypes).length, names.length);
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

  it('builds RFC 9457 bodies with the request id as instance, in the language asked', () => {
    const detail = { en: 'Retry in 3 s.', fr: 'Réessayez dans 3 s.' };
    assert.deepEqual(toProblemBody('quotaExceeded', detail, 'req-1', 'en', { extra: 1 }), {
      type: '/problems/quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'Retry in 3 s.',
      instance: 'req-1',
      extra: 1,
    });
    assert.deepEqual(toProblemBody('quotaExceeded', detail, 'req-1', 'fr', { extra: 1 }), {
      type: '/problems/quota-exceeded',
      title: 'Quota dépassé',
      status: 429,
      detail: 'Réessayez dans 3 s.',
      instance: 'req-1',
      extra: 1,
    });
    const raw = toRawProblemResponse(
      'headersTooLarge',
      { en: 'Too big.', fr: 'Trop gros.' },
      'req-2',
      'fr',
    );
    // The status line keeps the English title (ASCII); the body speaks French.
    assert.match(raw, /^HTTP\/1\.1 431 Request headers too large\r\n/);
    assert.match(raw, /Content-Type: application\/problem\+json\r\n/);
    assert.match(raw, /Content-Language: fr\r\nVary: Accept-Language\r\n/);
    assert.match(raw, /"instance":"req-2"/);
    assert.match(raw, /"detail":"Trop gros\."/);
  });
});
