const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// "Oct 5, 2014, 4:15:21 PM"; newer exports put a narrow no-break space before PM (CLDR 42), which \s covers.
const ENGLISH =
  /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?$/;

/**
 * Strava writes "Activity Date" in UTC as "Oct 5, 2014, 4:15:21 PM" in English exports. Returns
 * the instant as an ISO string, or null when the text is not such a date.
 */
export function parseStravaDate(value: string): string | null {
  const s = value.trim();
  let y: number, mo: number, d: number, h: number, mi: number, sec: number;
  const m = ENGLISH.exec(s);
  if (m !== null) {
    const month = MONTHS[(m[1] ?? "").toLowerCase()];
    if (month === undefined) return null;
    y = Number(m[3]);
    mo = month;
    d = Number(m[2]);
    h = Number(m[4]);
    mi = Number(m[5]);
    sec = m[6] === undefined ? 0 : Number(m[6]);
    const ampm = m[7]?.toLowerCase();
    if (ampm !== undefined) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === "pm" ? 12 : 0);
    }
  } else {
    const iso = ISO_LIKE.exec(s);
    if (iso === null) return null;
    y = Number(iso[1]);
    mo = Number(iso[2]) - 1;
    d = Number(iso[3]);
    h = Number(iso[4]);
    mi = Number(iso[5]);
    sec = iso[6] === undefined ? 0 : Number(iso[6]);
  }
  if (d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || mo < 0 || mo > 11) return null;
  const date = new Date(Date.UTC(y, mo, d, h, mi, sec));
  if (date.getUTCDate() !== d || date.getUTCFullYear() !== y) return null;
  return date.toISOString();
}
