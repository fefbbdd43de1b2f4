// Dataset splits: which of train, valid and test each accepted image goes to. Pure, so the activity
// that applies a plan and the tests agree on it.
export const splitNames = ['train', 'valid', 'test'] as const;
export type SplitName = (typeof splitNames)[number];
/** `keep`: an image already in the dataset keeps its split; one new to it gets the default. */
export type PlannedSplit = SplitName | 'keep';

/** Where an approved image goes when no accept chose for it. */
export const defaultSplit: SplitName = 'train';

export type SplitSpec =
  | { split: PlannedSplit }
  | { splits: Record<SplitName, number>; mode: 'percent' | 'count'; seed: number };

export type SplitCounts = Record<SplitName, number>;
export const emptySplitCounts = (): SplitCounts => ({ train: 0, valid: 0, test: 0 });

/** A small seeded generator (mulberry32): the same seed draws the same numbers on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percentages (summing to 100) as whole counts of `n`, largest remainders first, so they sum to `n`. */
export function countsFromPercent(percent: SplitCounts, n: number): SplitCounts {
  const exact = splitNames.map((s) => (percent[s] * n) / 100);
  const counts = exact.map(Math.floor);
  const order = splitNames.map((_, i) => i).sort((a, b) => (exact[b]! - counts[b]!) - (exact[a]! - counts[a]!) || a - b);
  for (let left = n - counts.reduce((x, y) => x + y, 0), k = 0; left > 0; left--, k++) counts[order[k % 3]!]!++;
  return { train: counts[0]!, valid: counts[1]!, test: counts[2]! };
}

export class SplitCountsTooSmall extends Error {}

/**
 * The split of each image. The images are taken in id order (whatever order they were asked in) and
 * shuffled by the seed, so the same images and seed always give the same splits. Counts fill train,
 * then valid, then test; they must cover every image.
 */
export function planSplits(imageIds: string[], spec: SplitSpec): PlannedSplit[] {
  const sorted = [...imageIds].sort();
  if ('split' in spec) return imageIds.map(() => spec.split);
  const counts = spec.mode === 'percent' ? countsFromPercent(spec.splits, sorted.length) : spec.splits;
  const total = counts.train + counts.valid + counts.test;
  if (total < sorted.length) throw new SplitCountsTooSmall(`the counts add up to ${total}, but ${sorted.length} images are to be accepted`);
  const random = seededRandom(spec.seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  const splitOf = new Map<string, SplitName>();
  let at = 0;
  for (const split of splitNames) for (let k = 0; k < counts[split] && at < sorted.length; k++) splitOf.set(sorted[at++]!, split);
  return imageIds.map((id) => splitOf.get(id)!);
}
