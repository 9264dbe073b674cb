import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { coalesce } from './coalesce';

export type LiveType = 'case.created' | 'case.changed' | 'sla.alert';
export type LiveData = { caseId: string; projectId: string; events: string[] };
type Listener = (type: LiveType, data: LiveData) => void;

const LIVE_TYPES: readonly LiveType[] = ['case.created', 'case.changed', 'sla.alert'];

/** The tab's one subscription to the server's live stream: listeners share it. */
interface LiveHub {
  subscribe(listener: Listener): () => void;
}
const LiveContext = createContext<LiveHub | null>(null);

/**
 * Opens ONE live stream (server-sent events; the session cookie signs it) for the whole tab while
 * `enabled`, and hands each event to every subscriber: pages never open their own (a browser allows
 * only a few connections per host, so a stream per component would exhaust them with a few tabs).
 */
export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const hub = useRef<LiveHub>({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/live');
    for (const type of LIVE_TYPES)
      source.addEventListener(type, (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as LiveData;
        for (const listener of [...listeners.current]) listener(type, data);
      });
    return () => source.close();
  }, [enabled]);
  return <LiveContext.Provider value={hub.current}>{children}</LiveContext.Provider>;
}

/** Calls `onEvent` for each live event of the tab's stream (the latest `onEvent`, without resubscribing). */
export function useLive(onEvent: Listener) {
  const hub = useContext(LiveContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => hub?.subscribe((type, data) => handler.current(type, data)), [hub]);
}

export type LiveEvent = { type: LiveType; data: LiveData };
/** How long the stream must stay quiet before a batch is handed over, and the longest a batch waits. */
export const LIVE_QUIET_MS = 1_000;
export const LIVE_MAX_WAIT_MS = 4_000;

/**
 * Calls `onBatch` with the tab's live events gathered into bursts (shared/coalesce.ts): one call
 * once the stream has been quiet for a second (at most 4 s after the burst's first event), so a busy
 * desk refreshes once per burst, never once per event. While `hold()` is true the batch waits.
 */
export function useLiveBatches(onBatch: (events: LiveEvent[]) => void, hold?: () => boolean) {
  const handler = useRef(onBatch);
  handler.current = onBatch;
  const holdRef = useRef(hold);
  holdRef.current = hold;
  const batcher = useRef<ReturnType<typeof coalesce<LiveEvent>> | null>(null);
  batcher.current ??= coalesce<LiveEvent>({
    quietMs: LIVE_QUIET_MS,
    maxWaitMs: LIVE_MAX_WAIT_MS,
    flush: (events) => handler.current(events),
    hold: () => holdRef.current?.() ?? false,
  });
  useEffect(() => () => batcher.current?.cancel(), []);
  useLive((type, data) => batcher.current?.push({ type, data }));
}
