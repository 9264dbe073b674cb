/**
 * Gathers items that arrive in bursts and hands them over together: `quietMs` after the last item,
 * or `maxWaitMs` after the first one of the batch at the latest (a steady trickle still flushes).
 * While `hold()` answers true at flush time (e.g. the lists are still loading) the batch waits
 * another `quietMs` and keeps gathering. Every item is delivered exactly once, in arrival order.
 */
export interface Coalescer<T> {
  push(item: T): void;
  /** Drops the pending batch and its timer (the owner unmounts). */
  cancel(): void;
}

export interface CoalesceOptions<T> {
  quietMs: number;
  maxWaitMs: number;
  flush: (items: T[]) => void;
  hold?: () => boolean;
}

export function coalesce<T>({ quietMs, maxWaitMs, flush, hold }: CoalesceOptions<T>): Coalescer<T> {
  let items: T[] = [];
  let first = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  const fire = () => {
    timer = null;
    if (items.length === 0) return;
    if (hold?.()) return arm(quietMs);
    const batch = items;
    items = [];
    flush(batch);
  };
  return {
    push(item) {
      const now = Date.now();
      if (items.length === 0) first = now;
      items.push(item);
      // the next flush: quiet time after this item, but never later than the batch's deadline
      arm(Math.max(0, Math.min(quietMs, first + maxWaitMs - now)));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      items = [];
    },
  };
}
