import { useEffect, useRef } from 'react';

/** Subscribes to the server's live stream (server-sent events; the session cookie signs it). */
export function useLive(onEvent: (type: string, data: { caseId: string; projectId: string; events: string[] }) => void, enabled = true) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/live');
    const listen = (type: string) => source.addEventListener(type, (e) => handler.current(type, JSON.parse((e as MessageEvent).data)));
    ['case.created', 'case.changed', 'sla.alert'].forEach(listen);
    return () => source.close();
  }, [enabled]);
}
