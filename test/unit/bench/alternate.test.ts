import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderOfRound, roundsPerCycle } from '../../../bench/lib/alternate.ts';

/** Every round of one cycle, as strings of contenders. */
const cycleOf = (items: readonly string[]): string[] =>
  Array.from({ length: roundsPerCycle(items.length) }, (_, round) =>
    orderOfRound(items, round).join(''),
  );

/** How often each contender directly follows another over the rounds. */
const countFollowers = (rounds: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const round of rounds) {
    for (let index = 1; index < round.length; index += 1) {
      const pair = round.slice(index - 1, index + 1);
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return counts;
};

describe('order of a round', () => {
  it('alternates two contenders A B, B A, A B, B A (ABBA)', () => {
    assert.deepEqual(
      [0, 1, 2, 3].map((round) => orderOfRound(['A', 'B'], round).join('')),
      ['AB', 'BA', 'AB', 'BA'],
    );
  });

  it('puts each of four contenders once in each position and after each other once a cycle', () => {
    const rounds = cycleOf(['A', 'B', 'C', 'D']);
    assert.equal(rounds.length, 4);
    for (let position = 0; position < 4; position += 1) {
      assert.deepEqual(rounds.map((round) => round[position]).sort(), ['A', 'B', 'C', 'D']);
    }
    const followers = countFollowers(rounds);
    assert.equal(followers.size, 12);
    assert.ok([...followers.values()].every((count) => count === 1));
  });

  it('balances an odd number of contenders over twice as many rounds', () => {
    const rounds = cycleOf(['A', 'B', 'C']);
    assert.equal(rounds.length, 6);
    for (let position = 0; position < 3; position += 1) {
      const column = rounds.map((round) => round[position]).sort();
      assert.deepEqual(column, ['A', 'A', 'B', 'B', 'C', 'C']);
    }
    const followers = countFollowers(rounds);
    assert.equal(followers.size, 6);
    assert.ok([...followers.values()].every((count) => count === 2));
  });

  it('runs every contender exactly once in each round, whatever the round', () => {
    for (let round = 0; round < 12; round += 1) {
      assert.deepEqual(orderOfRound(['A', 'B', 'C', 'D', 'E'], round).sort(), [
        'A',
        'B',
        'C',
        'D',
        'E',
      ]);
    }
  });
});
