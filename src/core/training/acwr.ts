/**
 * Acute:chronic workload ratio, two ways, over any daily load (distance, time, session-RPE).
 *
 * Rolling (decoupled): acute = total load of the last 7 days (today and the 6 before).
 * Chronic = the average weekly load of days 8-28 before (indices t-27 .. t-7), i.e. the 21 days
 * before the acute week, summed and scaled to 7 days. The acute week is left out of the chronic
 * window because including it couples the two and manufactures correlation (Lolli 2019, BJSM
 * 53:921). Ratio = acute / chronic.
 *
 * EWMA: E_t = λ·load_t + (1 − λ)·E_{t−1}, λ = 2/(N+1), N = 7 (acute) and 28 (chronic)
 * (Williams 2017, BJSM 51:209). Days before the first recorded activity are unknown, not rest,
 * so both averages start at 0 and are divided by 1 − (1 − λ)^n after n days (the usual start-up
 * correction); after a few months the correction is below 0.1% and this is the textbook EWMA.
 * Shown ×7 as weekly equivalents; the ratio is unaffected.
 *
 * "Have data": a day has data when it lies on or after the local day of the first recorded
 * activity (any sport) and on or before asOf; rest days after that first day are real zeros.
 * When fewer than 21 of the last 28 days have data the ratio is withheld ("not enough history
 * yet"). The rolling chronic average is likewise taken over the covered days of its window only.
 *
 * Zones (Gabbett 2016, BJSM 50:273, from team sports): below 0.8 low, 0.8-1.3 ok, above 1.3 up
 * to 1.5 high, above 1.5 very high. They only name where the ratio lies. In 5,205 runners the
 * ratio showed a negative dose-response with injury (Frandsen 2025, BJSM 59:1203), and the ratio
 * itself is open to criticism (Impellizzeri 2020, IJSPP 15:907), so it is shown as a trend with
 * what it means and what it cannot tell (ACWR_MEANING, ACWR_CANNOT_TELL), never as a warning.
 */
import type { AcwrZone } from "./types.js";

export const NOT_ENOUGH_HISTORY = "not enough history yet";
export const NO_CHRONIC_LOAD =
  "nothing in the three weeks before the last seven days to compare with";

/** What the ratio says, for every place that shows it (CLI, dashboard, printable report). */
export const ACWR_MEANING =
  "The ratio sets your running distance of the last 7 days against your average week over the " +
  "three weeks before them. Near 1.0 you are running about as much as you have lately; 1.5 means " +
  "half as much again, 0.7 means less than usual, as after an easy or a cut-back week.";

/** And what it cannot tell (Impellizzeri et al. 2020; Frandsen et al. 2025). */
export const ACWR_CANNOT_TELL =
  "It cannot tell you your risk of injury. A ratio hides how much you run (a short and a long " +
  "training week can give the same number), its 7- and 28-day windows are a convention, and no study " +
  "has shown that keeping it inside a band prevents injuries (Impellizzeri et al. 2020). In a " +
  "study of 5,205 runners, higher ratios did not go with more injuries (Frandsen et al. 2025), " +
  "so kneewise raises no warning from it: read it as the shape of your recent training.";

export interface AcwrOptions {
  acuteDays: number;
  chronicDays: number;
  minCoveredDays: number;
  ewmaAcuteN: number;
  ewmaChronicN: number;
}

export const DEFAULT_ACWR_OPTIONS: Readonly<AcwrOptions> = Object.freeze({
  acuteDays: 7,
  chronicDays: 28,
  minCoveredDays: 21,
  ewmaAcuteN: 7,
  ewmaChronicN: 28,
});

/** One value per day of the load array. Ratios are NaN where withheld or undefined. */
export interface AcwrSeries {
  rollingAcute: Float64Array;
  rollingChronic: Float64Array;
  rollingRatio: Float64Array;
  ewmaAcute: Float64Array;
  ewmaChronic: Float64Array;
  ewmaRatio: Float64Array;
  /** Days with data among the last `chronicDays`, per day. */
  covered: Int32Array;
}

export function ewmaLambda(n: number): number {
  return 2 / (n + 1);
}

export function acwrZone(ratio: number): AcwrZone {
  if (ratio < 0.8) return "low";
  if (ratio <= 1.3) return "ok";
  if (ratio <= 1.5) return "high";
  return "very_high";
}

/**
 * `load[0]` is the first recorded day; the last element is asOf. Negative loads are read as 0.
 * O(days): prefix sums for the rolling windows, one recursion for the EWMAs.
 */
export function acwrSeries(
  load: ArrayLike<number>,
  options: Partial<AcwrOptions> = {},
): AcwrSeries {
  const o = { ...DEFAULT_ACWR_OPTIONS, ...options };
  const n = load.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + Math.max(0, load[i] ?? 0);
  const s: AcwrSeries = {
    rollingAcute: new Float64Array(n),
    rollingChronic: new Float64Array(n),
    rollingRatio: new Float64Array(n),
    ewmaAcute: new Float64Array(n),
    ewmaChronic: new Float64Array(n),
    ewmaRatio: new Float64Array(n),
    covered: new Int32Array(n),
  };
  const la = ewmaLambda(o.ewmaAcuteN);
  const lc = ewmaLambda(o.ewmaChronicN);
  let ea = 0;
  let ec = 0;
  let pa = 1;
  let pc = 1;
  for (let i = 0; i < n; i++) {
    const x = Math.max(0, load[i] ?? 0);
    const covered = Math.min(o.chronicDays, i + 1);
    const enough = covered >= o.minCoveredDays;
    s.covered[i] = covered;

    const acute = (prefix[i + 1] ?? 0) - (prefix[Math.max(0, i + 1 - o.acuteDays)] ?? 0);
    const lo = Math.max(0, i - o.chronicDays + 1);
    const hi = i - o.acuteDays; // inclusive
    const chronicDays = hi >= lo ? hi - lo + 1 : 0;
    const chronic =
      chronicDays > 0
        ? (((prefix[hi + 1] ?? 0) - (prefix[lo] ?? 0)) / chronicDays) * o.acuteDays
        : 0;
    s.rollingAcute[i] = acute;
    s.rollingChronic[i] = chronic;
    s.rollingRatio[i] = enough && chronic > 0 ? acute / chronic : Number.NaN;

    ea = la * x + (1 - la) * ea;
    ec = lc * x + (1 - lc) * ec;
    pa *= 1 - la;
    pc *= 1 - lc;
    const acuteE = (ea / (1 - pa)) * o.acuteDays;
    const chronicE = (ec / (1 - pc)) * o.acuteDays;
    s.ewmaAcute[i] = acuteE;
    s.ewmaChronic[i] = chronicE;
    s.ewmaRatio[i] = enough && chronicE > 0 ? acuteE / chronicE : Number.NaN;
  }
  return s;
}

/** Why the ratio at day index i is not shown, or null when it is. */
export function acwrWithheldReason(
  series: AcwrSeries,
  i: number,
  minCoveredDays: number,
): string | null {
  if (i < 0 || i >= series.covered.length || (series.covered[i] ?? 0) < minCoveredDays)
    return NOT_ENOUGH_HISTORY;
  if (Number.isNaN(series.rollingRatio[i] ?? Number.NaN)) return NO_CHRONIC_LOAD;
  return null;
}
