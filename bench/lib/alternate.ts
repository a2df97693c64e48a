/**
 * The order in which the contenders of a bench (a baseline and what is compared with it) run
 * in each round, so that a drift in a shared machine's load weighs on all of them alike.
 *
 * Rounds follow a balanced Latin square (Williams' design): over one cycle every contender
 * runs once in each position and directly after every other one equally often, so neither
 * "always first" nor "always right after the heavy one" favours anyone. For two contenders it
 * is A B, B A, A B, B A… (ABBA).
 */

/** Rounds in one cycle of the order: the number of contenders, twice that when it is odd. */
export function roundsPerCycle(contenders: number): number {
  return contenders % 2 === 0 ? contenders : 2 * contenders;
}

/** The contenders in the order they run in round `round` (0-based; the cycle repeats). */
export function orderOfRound<T>(contenders: readonly T[], round: number): T[] {
  const count = contenders.length;
  if (count === 0) return [];
  // First row 0, 1, n−1, 2, n−2, …; row i adds i to each (mod n). For odd n the cycle goes on
  // with the same rows reversed, which balances who follows whom.
  const first: number[] = [0];
  for (let low = 1, high = count - 1; first.length < count;) {
    first.push(low);
    low += 1;
    if (first.length < count) {
      first.push(high);
      high -= 1;
    }
  }
  const row = round % roundsPerCycle(count);
  const shift = row % count;
  const indices = first.map((index) => (index + shift) % count);
  if (row >= count) indices.reverse();
  return indices.map((index) => contenders[index] as T);
}
