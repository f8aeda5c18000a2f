/**
 * `kneewise report`: the runner's current risk picture from their stored history, as a readable
 * text report or as the documented JSON (docs/report-json.md).
 */
import { articleUrl } from "../../core/content/site-urls.js";
import { isDomainError } from "../../core/errors.js";
import { ACWR_CANNOT_TELL, ACWR_MEANING } from "../../core/training/index.js";
import type { DistanceUnit, ReportWarning, TrainingReport } from "../../core/training/index.js";
import { formatDuration } from "../../core/training/warnings.js";
import { formatClimb, formatDate, formatDistance, formatShortDate } from "../../core/format/index.js";
import { REPORT_WEEKS_MAX, REPORT_WEEKS_DEFAULT, isoDate } from "../../contracts/training.js";
import { createApp } from "../../services/app.js";
import { findReportUser, trainingReport } from "../../services/training-report.js";
import { resolveDbSpec } from "../db-option.js";
import { cliLocale } from "../locale.js";
import type { CliIO } from "../io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";

export interface ReportCommandOptions {
  json: boolean;
  asOf?: string;
  weeks?: string;
  user?: string;
  db?: string;
  units?: string;
}

interface Checked {
  asOf: string;
  weeks: number;
  units: DistanceUnit | undefined;
}

function validate(opts: ReportCommandOptions, today: string): string | Checked {
  const asOf = opts.asOf ?? today;
  if (!isoDate.safeParse(asOf).success) return `--as-of must be a real date written YYYY-MM-DD (got "${asOf}").`;
  let weeks = REPORT_WEEKS_DEFAULT;
  if (opts.weeks !== undefined) {
    weeks = Number(opts.weeks);
    if (!/^\d+$/.test(opts.weeks) || weeks < 1 || weeks > REPORT_WEEKS_MAX)
      return `--weeks must be a whole number from 1 to ${REPORT_WEEKS_MAX} (got "${opts.weeks}").`;
  }
  if (opts.units !== undefined && opts.units !== "km" && opts.units !== "mi")
    return `--units must be km or mi (got "${opts.units}").`;
  return { asOf, weeks, units: opts.units };
}

/** Errors about what was asked for (a user who is not there, several to choose from) are usage errors. */
const USAGE_CODES = new Set(["USER_NOT_FOUND", "USER_AMBIGUOUS", "INVALID_DATE", "INVALID_WEEKS", "INVALID_WEEK_START"]);

export async function runReport(opts: ReportCommandOptions, io: CliIO, version: string): Promise<number> {
  const checked = validate(opts, io.today());
  if (typeof checked === "string") {
    io.stderr(`kneewise report: ${checked}\n`);
    return EXIT_USAGE;
  }
  let app;
  try {
    // multiUser: true so that reading a report never creates the local owner as a side effect.
    app = await createApp({ db: resolveDbSpec(opts.db, io), multiUser: true, version, cwd: io.cwd });
  } catch (err) {
    if (isDomainError(err)) {
      io.stderr(`kneewise report: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    throw err;
  }
  try {
    const user = await findReportUser(app, opts.user);
    // JSON keeps days as YYYY-MM-DD for programs; the text reads in the runner's locale.
    const locale = opts.json ? undefined : cliLocale(io.env);
    const { report, rampThresholdPct, units } = await trainingReport(app, user.id, {
      asOf: checked.asOf,
      weeks: checked.weeks,
      units: checked.units,
      locale,
    });
    io.stdout(locale === undefined ? `${JSON.stringify(report, null, 2)}\n` : renderText(report, units, rampThresholdPct, locale));
    return EXIT_OK;
  } catch (err) {
    if (isDomainError(err)) {
      io.stderr(`kneewise report: ${err.message}\n`);
      return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_FAILURE;
    }
    throw err;
  } finally {
    await app.close();
  }
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function pct(x: number | null): string {
  return x === null ? "-" : `${x > 0 ? "+" : ""}${Math.round(x)}%`;
}

/** Wraps prose at word boundaries so a terminal shows it as paragraphs. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  // Keep a number with its unit ("11.8 km", "6 h") on one line.
  const glued = text.replace(/(\d) (?=(km|mi|min|h|m|ft)\b)/g, "$1\u0000");
  for (const word of glued.split(/\s+/).map((w) => w.replaceAll("\u0000", " "))) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function warningLines(w: ReportWarning, locale: string): string[] {
  return [
    `! ${w.code}${w.week ? ` (week of ${formatDate(w.week, locale)})` : ""}`,
    ...wrap(w.message, 92).map((l) => `  ${l}`),
    `  Read more: ${articleUrl(w.article)}`,
  ];
}

export function renderText(report: TrainingReport, units: DistanceUnit, rampThresholdPct: number, locale: string): string {
  const dist = (m: number) => formatDistance(m, units);
  const day = (d: string) => formatDate(d, locale);
  const out: string[] = [];
  out.push(
    `Training report as of ${day(report.as_of)}`,
    `Weeks start on ${WEEKDAYS[report.week_start] ?? "Monday"}.`,
    "",
    "Single-run limit (runs more than 10% past the longest of the 30 days before went with more injuries)",
  );
  if (report.run_limit) out.push(...wrap(report.run_limit.message, 92).map((l) => `  ${l}`));
  else out.push("  No run in the last 30 days, so there is no recent longest run to measure against: start short.");
  out.push(
    "",
    "Weekly volume (running; cross-training in minutes)",
    ...wrap(
      `Guide: each week within ${rampThresholdPct}% of the highest of the 4 weeks before it. ` +
        "A cautious guide, not a proven safe limit.",
      92,
    ).map((l) => `  ${l}`),
  );
  if (report.weeks.length === 0) {
    out.push("  No activities yet: import your runs or log them by hand.");
  } else {
    const rows = [["Week of", "Distance", "Time", "Runs", "Longest", "Climb", "Change", "Guide", "Cross-training", "Flags"]];
    for (const w of report.weeks) {
      const cross = Object.entries(w.cross_training_min)
        .map(([sport, min]) => `${sport} ${min}`)
        .join(", ");
      rows.push([
        day(w.start) + (w.complete ? "" : "*"),
        dist(w.distance_m),
        formatDuration(w.duration_s),
        String(w.runs),
        dist(w.longest_m),
        formatClimb(w.elevation_gain_m, units),
        pct(w.change_pct),
        w.guide_limit_m === null ? "-" : dist(w.guide_limit_m),
        cross || "-",
        [...new Set(w.warnings.map((x) => x.code))].join(" "),
      ]);
    }
    out.push(...table(rows, new Set([1, 2, 3, 4, 5, 6, 7])).map((l) => `  ${l}`));
    if (report.weeks.some((w) => !w.complete)) out.push("  * this week is not over yet");
  }

  out.push("", "Single runs more than 10% past the longest of the 30 days before");
  if (report.spikes.length === 0) out.push("  None in these weeks.");
  for (const s of report.spikes)
    out.push(
      `  ${day(s.date)}: ${dist(s.distance_m)}, ${Math.round(s.increase_pct)}% beyond ${dist(s.previous_longest_m)}` +
        (s.band ? ` (${s.band.replace("over-", "over ")}% band, hazard ratio ${s.hazard_ratio?.toFixed(2) ?? "-"})` : ""),
    );

  out.push("", "Acute:chronic load, a description of your trend (no warning is raised from it)");
  const a = report.acwr;
  if (a.withheld !== null) out.push(`  Not shown: ${a.withheld} (${a.covered_days} of the last 28 days covered).`);
  else {
    const f = a.by_load.distance.rolling;
    out.push(
      `  Distance: last 7 days ${dist(f.acute)} against an average week of ${dist(f.chronic)}: ` +
        `${a.rolling?.toFixed(2) ?? "-"} (EWMA ${a.ewma?.toFixed(2) ?? "-"}).`,
    );
    const d = a.by_load.duration.rolling.ratio;
    if (d !== null) out.push(`  Running time: ${d.toFixed(2)}.`);
    const s = a.by_load.srpe?.rolling.ratio;
    if (s !== undefined && s !== null) out.push(`  Session effort (RPE x minutes): ${s.toFixed(2)}.`);
  }
  out.push(...wrap(`What it means: ${ACWR_MEANING}`, 92).map((l) => `  ${l}`));
  out.push(...wrap(`What it cannot tell: ${ACWR_CANNOT_TELL}`, 92).map((l) => `  ${l}`));

  out.push("", "Shoes");
  if (report.shoes.length === 0) out.push("  No pairs yet.");
  else {
    const rows = [["Pair", "Distance", "Limit", "Status", "Limit around", "Runs (28 d)"]];
    for (const s of report.shoes) {
      rows.push([
        `${s.brand ? `${s.brand} ` : ""}${s.name}${s.retired ? " (retired)" : ""}`,
        dist(s.distance_m),
        dist(s.limit_m),
        s.status.replace("_", " "),
        s.forecast_date === null ? "-" : day(s.forecast_date),
        `${s.runs_28d} (${Math.round(s.share_28d * 100)}%)`,
      ]);
    }
    out.push(...table(rows, new Set([1, 2])).map((l) => `  ${l}`));
  }

  const c = report.checkins;
  if (c.trend.length > 0) {
    out.push(
      "",
      "Check-ins (last 14 days; score out of 24, higher is worse)",
      `  ${c.trend.map((t) => `${formatShortDate(t.date, locale)}: ${t.score}${t.elevated ? "!" : ""}`).join(", ")}`,
    );
    if (c.direction !== null) out.push(`  Trend: ${c.direction}.`);
  }

  out.push("", report.warnings.length === 0 ? "Nothing needs your attention now." : "What needs attention now, most pressing first");
  for (const w of report.warnings) out.push(...warningLines(w, locale).map((l) => `  ${l}`));
  out.push("", "kneewise supports your decisions; it does not replace a clinician.");
  return `${out.join("\n")}\n`;
}
