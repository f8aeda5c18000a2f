/**
 * Apple Health writes dates as "2024-05-01 07:30:12 +0200": local wall time and its offset from
 * UTC, which gives both the instant and the runner's own day.
 */
export interface AppleDate {
  ms: number;
  /** Minutes east of UTC. */
  offsetMin: number;
  /** "YYYY-MM-DD" as written: the runner's local date. */
  localDate: string;
}

const APPLE_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)? ?([+-])(\d{2}):?(\d{2})$/;

export function parseAppleDate(text: string): AppleDate | null {
  const m = APPLE_DATE.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offsetMin = (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(local) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  return { ms: local - offsetMin * 60_000, offsetMin, localDate: `${y}-${mo}-${d}` };
}
