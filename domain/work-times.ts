// Seconds per image kept as a histogram of geometric buckets, so a median is read from a counter
// document (a few dozen numbers) instead of from every image. A bucket's middle is within 12% of any
// time in it.
const ratio = 1.25;

export const timeBucketOf = (seconds: number) => Math.max(0, Math.floor(Math.log(Math.max(seconds, 0) + 1) / Math.log(ratio)));

/** The time a fraction `q` of the way through the histogram (0.5: the median), from its bucket's middle. */
export function quantileSeconds(histogram: Record<string, number>, q: number): number | null {
  const buckets = Object.entries(histogram).map(([k, n]) => [Number(k), n] as const).filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= q * total) return Math.round(ratio ** (bucket + 0.5) - 1);
  }
  return null;
}
