/**
 * `read(0)`, `read(1)`, … `read(count - 1)`, in order, each started while the one before is being used:
 * the store answers the next read while the caller writes or computes. One read ahead at most.
 */
export async function* readAhead<T>(count: number, read: (n: number) => Promise<T>): AsyncGenerator<T> {
  let next = count > 0 ? read(0) : undefined;
  for (let n = 0; n < count; n++) {
    const current = await next!;
    next = n + 1 < count ? read(n + 1) : undefined;
    // Awaited on the next round; a caller that stops or fails first must not leave it unhandled.
    next?.catch(() => undefined);
    yield current;
  }
}
