export const EARTH_RADIUS_M = 6_371_008.8; // mean Earth radius (IUGG)
export const RAD = Math.PI / 180;

/** Great-circle distance in metres between two WGS84 points (haversine). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** True for a usable coordinate pair (finite, in range, not the 0,0 "null island" placeholder). */
export function isValidLatLon(lat: number, lon: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0)
  );
}

/**
 * A stream point's position: degrees to 5 decimals (about a metre on the ground), enough to draw
 * the route and short enough to keep the stored stream small.
 */
export function roundDegrees(deg: number): number {
  return Math.round(deg * 1e5) / 1e5;
}
