import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findRank, summarizeRanks } from '../../../bench/lib/search/score-ranks.ts';

describe('bench:search rates', () => {
  test('a rank is the first shown link that is expected, by path and decoded fragment', () => {
    const shown = ['/apis/a/#about', '/apis/a/#get-d%C3%A9p', '/apis/b/'];
    assert.equal(findRank(shown, ['/apis/a/#get-dép']), 2);
    assert.equal(findRank(shown, ['/apis/b/', '/apis/a/#about']), 1);
    assert.equal(findRank(shown, ['/apis/c/']), undefined);
  });

  test('top-1, top-3 and mean reciprocal rank per kind, then overall', () => {
    const summaries = summarizeRanks([
      { kind: 'path', rank: 1 },
      { kind: 'path', rank: 3, rankAmongEquivalents: 1 },
      { kind: 'summary', rank: 2 },
      { kind: 'summary', rank: undefined },
    ]);
    assert.deepEqual(summaries, [
      {
        kind: 'path',
        queries: 2,
        top1: 0.5,
        top3: 1,
        meanReciprocalRank: (1 + 1 / 3) / 2,
        top1AmongEquivalents: 1,
      },
      {
        kind: 'summary',
        queries: 2,
        top1: 0,
        top3: 0.5,
        meanReciprocalRank: 0.25,
        top1AmongEquivalents: 0,
      },
      {
        kind: 'overall',
        queries: 4,
        top1: 0.25,
        top3: 0.75,
        meanReciprocalRank: (1 + 1 / 3 + 1 / 2) / 4,
        top1AmongEquivalents: 0.5,
      },
    ]);
  });
});
