import type { Random } from "./prng.ts";

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent: a few items are very
 * common and most are rare, as tags on a real archive are.
 */
export class ZipfSampler {
  readonly #cumulative: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent = 1,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`zipf: expected a size of 1 or more, got ${size}`);
    this.#cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / (rank + 1) ** exponent;
      this.#cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) this.#cumulative[rank] = (this.#cumulative[rank] ?? 0) / total;
  }

  /** The probability of drawing `rank`. */
  probability(rank: number): number {
    const upper = this.#cumulative[rank] ?? 0;
    return rank === 0 ? upper : upper - (this.#cumulative[rank - 1] ?? 0);
  }

  /** One rank (binary search over the cumulative weights). */
  sample(random: Random): number {
    const target = random.next();
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#cumulative[middle] ?? 1) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** `count` different ranks, in the order drawn. */
  sampleDistinct(random: Random, count: number): number[] {
    if (count > this.size) throw new Error(`zipf: cannot draw ${count} different ranks out of ${this.size}`);
    const ranks = new Set<number>();
    while (ranks.size < count) ranks.add(this.sample(random));
    return [...ranks];
  }
}
