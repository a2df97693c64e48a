import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planSandbox } from '../../../scripts/lib/portal/plan-sandbox.ts';

describe('npm start and the sandbox', () => {
  test('runs the sandbox where the portal calls it on this machine', () => {
    assert.deepEqual(planSandbox('http://127.0.0.1:8000', true), {
      start: true,
      host: '127.0.0.1',
      port: 8000,
    });
    assert.deepEqual(planSandbox('http://localhost:9000', true), {
      start: true,
      host: '127.0.0.1',
      port: 9000,
    });
  });

  test('leaves a sandbox on another host, behind a path, or unwanted, alone', () => {
    assert.deepEqual(planSandbox('https://sandbox.example.org', true), {
      start: false,
      reason: 'not started here: the portal calls https://sandbox.example.org',
    });
    assert.equal(planSandbox('http://127.0.0.1:8000/preview/x', true).start, false);
    assert.deepEqual(planSandbox('http://127.0.0.1:8000', false), {
      start: false,
      reason: 'not started (--no-sandbox)',
    });
  });
});
