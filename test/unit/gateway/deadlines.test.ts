import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDeadlines, type Watched } from '../../../gateway-stub/proxy/deadlines.ts';

interface Call extends Watched {
  name: string;
}

const call = (name: string): Call => ({
  name,
  expiresAt: 0,
  previous: undefined,
  next: undefined,
  watched: false,
});

/** A queue whose expiries are recorded, and a promise of the first `count` of them. */
function watch(timeoutMs: number, count: number) {
  const expired: { name: string; lateBy: number }[] = [];
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const deadlines = createDeadlines<Call>(timeoutMs, (item) => {
    expired.push({ name: item.name, lateBy: performance.now() - item.expiresAt });
    if (expired.length === count) done();
  });
  return { deadlines, expired, all };
}

describe('the deadlines of forwarded requests', () => {
  it('expires each request not answered, oldest first, none before its time', async () => {
    const { deadlines, expired, all } = watch(30, 4);
    const calls = ['a', 'b', 'c', 'd'].map(call);
    for (const item of calls) deadlines.add(item);
    const [, answered] = calls;
    deadlines.remove(answered as Call);
    deadlines.add(call('e'));
    await all;
    // 'b' was answered: it never expires, although 'c', 'd' and 'e', added after it, did.
    assert.deepEqual(
      expired.map((item) => item.name),
      ['a', 'c', 'd', 'e'],
    );
    for (const item of expired) assert.ok(item.lateBy >= 0, `${item.name} expired early`);
    assert.ok(
      calls.every((item) => !item.watched),
      'no request is left in the queue',
    );
    deadlines.close();
  });

  it('wakes for the next request once the oldest was answered', async () => {
    const { deadlines, expired, all } = watch(20, 1);
    const first = call('first');
    deadlines.add(first);
    // Added after it, while the timer waits for 'first', which is then answered.
    const second = call('second');
    deadlines.add(second);
    deadlines.remove(first);
    await all;
    assert.deepEqual(
      expired.map((item) => item.name),
      ['second'],
    );
    assert.ok((expired[0]?.lateBy ?? -1) >= 0, 'expired before its time');
    deadlines.close();
  });

  it('removes a request in any place and keeps the others in order', async () => {
    const { deadlines, expired, all } = watch(10, 2);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(call) as [Call, Call, Call, Call];
    for (const item of [a, b, c, d]) deadlines.add(item);
    deadlines.remove(d);
    deadlines.remove(a);
    deadlines.remove(a);
    await all;
    assert.deepEqual(
      expired.map((item) => item.name),
      ['b', 'c'],
    );
    deadlines.close();
  });
});
