import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Exchange } from '../../../gateway-stub/http/exchange.ts';
import { createAuthenticateStage } from '../../../gateway-stub/pipeline/authenticate-stage.ts';
import { createForwardStage } from '../../../gateway-stub/pipeline/forward-stage.ts';
import { createQuotaStage } from '../../../gateway-stub/pipeline/quota-stage.ts';
import { createRouteStage } from '../../../gateway-stub/pipeline/route-stage.ts';
import { chainStages, type Stage } from '../../../gateway-stub/pipeline/stage.ts';

describe('the request path stages', () => {
  it('refuse wrong options when they are built, naming every wrong field', () => {
    assert.throws(
      () =>
        createForwardStage({
          forwarder: {} as never,
          maxBodyBytes: 0,
          fail: () => undefined,
          statements: { statementOf: () => '' },
        }),
      (error: Error) =>
        error.message.startsWith('invalid forward stage options:') &&
        error.message.includes('forwarder — must be an object with forward') &&
        error.message.includes('maxBodyBytes —'),
    );
    assert.throws(
      () =>
        createRouteStage({
          routes: {} as never,
          keys: { find: () => undefined, invalidate: () => undefined },
          identifier: { identify: () => ({ problem: 'unknownKey', detail: '', headers: {} }) },
          fail: () => undefined,
        }),
      /invalid route stage options:\n {2}routes — must be the route table/,
    );
    assert.throws(
      () =>
        createAuthenticateStage({
          security: { requirementOf: () => undefined } as never,
          keys: undefined as never,
          identifier: undefined as never,
          fail: () => undefined,
        }),
      /keys — must be an object with find(.|\n)*identifier — must be an object with identify/,
    );
    assert.throws(
      () =>
        createQuotaStage({
          quota: { take: () => undefined } as never,
          onRefusal: 1 as never,
          toAnonymousSubject: String,
          fail: () => undefined,
        }),
      /onRefusal — must be a function/,
    );
  });

  it('are wired in order, each handing the exchange to the next or answering itself', () => {
    const seen: string[] = [];
    const stage =
      (name: string, stop = false): Stage =>
      (next) =>
      (exchange) => {
        seen.push(name);
        if (!stop) next(exchange);
      };
    const exchange = {} as Exchange;
    chainStages([stage('route'), stage('authenticate'), stage('quota')], () => {
      seen.push('forward');
    })(exchange);
    assert.deepEqual(seen, ['route', 'authenticate', 'quota', 'forward']);
    seen.length = 0;
    chainStages([stage('route'), stage('authenticate', true), stage('quota')], () => {
      seen.push('forward');
    })(exchange);
    assert.deepEqual(seen, ['route', 'authenticate']);
  });
});
