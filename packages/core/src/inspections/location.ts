/**
 * Is the inspector at the point? (issue 15 item 2: "coordinates checked against the phone's position").
 * The phone reports a position and its accuracy (metres, 68%); a point has coordinates and a radius.
 * The check allows the point's radius plus the phone's uncertainty — but that allowance is capped, so a
 * vague fix ("somewhere within 2 km") cannot stretch the radius over the town: a fix less accurate than
 * MAX_ACCURACY_M is refused as such, and the inspector is told to step outside or wait for the GPS.
 */

/** A fix vaguer than this (metres) is not accepted as a position at all. */
export const MAX_ACCURACY_M = 100;
/** At most this much of the fix's uncertainty is added to the point's radius (metres). */
export const ACCURACY_ALLOWANCE_CAP_M = 30;
export const DEFAULT_POINT_RADIUS_M = 50;

export interface GeoFix {
  latitude: number;
  longitude: number;
  accuracyM: number;
}

export interface PointPlace {
  latitude: number | null;
  longitude: number | null;
  radiusM: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** The great-circle distance in metres (haversine). */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type LocationVerdict =
  | { ok: true; distanceM: number | null }
  | { ok: false; problem: 'position_required' | 'position_inaccurate'; distanceM: null }
  | { ok: false; problem: 'too_far'; distanceM: number; allowedM: number };

/** Whether a fix places the phone at the point. A point without coordinates (an indoor room) takes any position, or none. */
export function checkLocation(point: PointPlace, fix: GeoFix | null): LocationVerdict {
  if (point.latitude === null || point.longitude === null) return { ok: true, distanceM: null };
  if (!fix) return { ok: false, problem: 'position_required', distanceM: null };
  if (!(fix.accuracyM >= 0) || fix.accuracyM > MAX_ACCURACY_M) return { ok: false, problem: 'position_inaccurate', distanceM: null };
  const distanceM = Math.round(distanceMetres({ latitude: point.latitude, longitude: point.longitude }, fix));
  const allowedM = Math.round(point.radiusM + Math.min(fix.accuracyM, ACCURACY_ALLOWANCE_CAP_M));
  return distanceM <= allowedM ? { ok: true, distanceM } : { ok: false, problem: 'too_far', distanceM, allowedM };
}
