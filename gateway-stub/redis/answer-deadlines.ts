/**
 * Bounds the wait for Redis's answers without mistaking a busy gateway for a slow Redis.
 *
 * node-redis writes the commands sent during one turn of the event loop in a `setImmediate`;
 * the wait is counted from there, once for every command of that turn (one timer a turn, not
 * one a command). When the timer comes due, the answers may already sit in the socket,
 * unread: a synchronous stretch of work (a store flush, a long request) kept the loop busy,
 * and Node runs due timers before it reads sockets. So a command is declared late only after
 * the next poll phase — `setImmediate` from the timer runs right after it — has read what
 * Redis sent meanwhile. A Redis that is truly frozen is still declared late a turn of the loop
 * after `timeoutMs`.
 */

/** Redis did not answer in time. */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${String(timeoutMs)} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/** Bounds answers to commands sent on one connection. */
export interface AnswerDeadlines {
  /**
   * `answer`, or a `RedisTimeoutError` when it is still unsettled `timeoutMs` after the
   * command was written and what Redis sent meanwhile was read. Call it in the same turn as
   * the client's `sendCommand`, after it.
   */
  bound(answer: Promise<unknown>, timeoutMs: number): Promise<unknown>;
}

/** The commands of one turn with one timeout. */
interface Group {
  timeoutMs: number;
  waiters: Waiter[];
  unsettled: number;
  timer: NodeJS.Timeout | undefined;
}

interface Waiter {
  settled: boolean;
  reject: (error: Error) => void;
}

/** Creates the deadlines of one connection. */
export function createAnswerDeadlines(): AnswerDeadlines {
  // Commands sent during this turn, whose wait starts once the client has written them.
  let turn: Group[] | undefined;

  const expire = (group: Group): void => {
    group.timer = undefined;
    for (const waiter of group.waiters) {
      if (waiter.settled) continue;
      waiter.settled = true;
      waiter.reject(new RedisTimeoutError(group.timeoutMs));
    }
    group.waiters = [];
  };

  const arm = (): void => {
    const groups = turn ?? [];
    turn = undefined;
    for (const group of groups) {
      if (group.unsettled === 0) continue;
      group.timer = setTimeout(() => {
        setImmediate(expire, group);
      }, group.timeoutMs);
    }
  };

  const join = (timeoutMs: number): Group => {
    if (turn === undefined) {
      turn = [];
      // Queued after the client's own write of this turn's commands (immediates run in order).
      setImmediate(arm);
    }
    let group = turn.find((item) => item.timeoutMs === timeoutMs);
    if (group === undefined) {
      group = { timeoutMs, waiters: [], unsettled: 0, timer: undefined };
      turn.push(group);
    }
    return group;
  };

  return {
    bound(answer, timeoutMs) {
      const group = join(timeoutMs);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { settled: false, reject };
        group.waiters.push(waiter);
        group.unsettled += 1;
        const settle = (): boolean => {
          if (waiter.settled) return false;
          waiter.settled = true;
          group.unsettled -= 1;
          if (group.unsettled === 0 && group.timer !== undefined) {
            clearTimeout(group.timer);
            group.timer = undefined;
            group.waiters = [];
          }
          return true;
        };
        answer.then(
          (reply) => {
            if (settle()) resolve(reply);
          },
          (error: unknown) => {
            if (settle()) reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
  };
}
