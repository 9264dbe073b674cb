import { useEffect, useState } from 'react';
import { it } from './inspection-text';

/**
 * The phone's position (navigator.geolocation) for the inspection pages: a point's coordinates taken
 * where its administrator stands, and the inspector's fix sent with each scan (its stated accuracy too:
 * the server refuses a vague one).
 */
export interface Fix {
  latitude: number;
  longitude: number;
  accuracyM: number;
}

const OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 };

const fixOf = (p: GeolocationPosition): Fix => ({
  latitude: p.coords.latitude,
  longitude: p.coords.longitude,
  accuracyM: Math.round(p.coords.accuracy * 10) / 10,
});

/** Why no position came, in plain words. */
export function geoProblem(error: GeolocationPositionError | null, lang: string): string {
  if (!error) return it('noGeolocation', lang);
  if (error.code === error.PERMISSION_DENIED) return it('geoDenied', lang);
  return it('geoFailed', lang, { reason: error.message || String(error.code) });
}

/** One position now. */
export function currentPosition(lang: string): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error(geoProblem(null, lang)));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(fixOf(p)),
      (e) => reject(new Error(geoProblem(e, lang))),
      OPTIONS,
    );
  });
}

/** The phone's position while `enabled`, kept up to date; or why there is none. */
export function useWatchedPosition(enabled: boolean, lang: string): { fix: Fix | null; problem: string | null } {
  const [state, setState] = useState<{ fix: Fix | null; problem: string | null }>({ fix: null, problem: null });
  useEffect(() => {
    if (!enabled) return;
    if (!('geolocation' in navigator)) {
      setState({ fix: null, problem: geoProblem(null, lang) });
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => setState({ fix: fixOf(p), problem: null }),
      (e) => setState((s) => ({ fix: s.fix, problem: geoProblem(e, lang) })),
      OPTIONS,
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [enabled, lang]);
  return state;
}
