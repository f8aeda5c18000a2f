import type { PainPattern, PatternReport } from "../../../src/contracts/pain.js";
import { PAIN_TRIGGER_LABELS, renderPatternNote } from "../../../src/contracts/pain.js";
import type { PainTrigger } from "../../../src/contracts/pain.js";
import type { Units } from "../shell/session.js";
import { descentRateText, distanceText } from "./format.js";

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

function patternText(p: PainPattern, units: Units, shoeNames: Record<string, string>): string {
  const hi = `${p.higher.mean} on average (${days(p.higher.n)})`;
  const lo = `${p.lower.mean} (${days(p.lower.n)})`;
  switch (p.kind) {
    case "long_runs":
      return `The morning after runs longer than ${distanceText(p.thresholdM, units)}, your knee scored ${hi}, against ${lo} after shorter runs.`;
    case "descents":
      return `The morning after runs with more than ${descentRateText(p.medianLossPerKm, units)} of downhill (your usual amount), your knee scored ${hi}, against ${lo} after flatter runs.`;
    case "shoe": {
      const name = shoeNames[p.shoeId] ?? "one pair of shoes";
      return `The morning after runs in ${name}, your knee scored ${hi}, against ${lo} in your other shoes.`;
    }
    case "trigger":
      return `On days you ticked "${PAIN_TRIGGER_LABELS[p.trigger as PainTrigger] ?? p.trigger}", pain scored ${hi}, against ${lo} on other days.`;
  }
}

function correlationText(c: NonNullable<PatternReport["correlation"]>): string {
  const size = { none: "no clear link", weak: "a weak link", moderate: "a moderate link", strong: "a strong link" }[c.strength];
  const direction = c.strength === "none" ? "" : c.r > 0 ? ": bigger weeks went with more pain" : ": bigger weeks went with less pain";
  const caution = c.tentative ? ` With only ${c.weeks} weeks, treat it as a hint.` : "";
  return `Across ${c.weeks} weeks, weekly distance and average pain show ${size} (r = ${c.r})${direction}.${caution}`;
}

export function PatternList({ report, units, shoeNames }: { report: PatternReport; units: Units; shoeNames: Record<string, string> }) {
  if (!report.enough) {
    return (
      <p>
        Your own patterns appear once the diary has {report.needed.entries} entries spread over {report.needed.weeks} weeks. So far:{" "}
        {report.entries} {report.entries === 1 ? "entry" : "entries"} over {report.weeks} {report.weeks === 1 ? "week" : "weeks"}.
      </p>
    );
  }
  return (
    <>
      {report.correlation ? <p>{correlationText(report.correlation)}</p> : null}
      {report.patterns.length > 0 ? (
        <ul className="pattern-list">
          {report.patterns.map((p) => (
            <li key={`${p.kind}-${p.kind === "trigger" ? p.trigger : p.kind === "shoe" ? p.shoeId : ""}`}>
              {patternText(p, units, shoeNames)}
              {p.kind === "shoe" ? (
                <span className="pattern-detail">
                  {" "}
                  By pair: {p.byShoe.map((s) => `${shoeNames[s.shoeId] ?? "unnamed pair"} ${s.mean} (${days(s.n)})`).join("; ")}.
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Nothing stands out clearly yet. That is worth knowing too: no single distance, slope, pair of shoes or trigger goes with more pain.</p>
      )}
      <details>
        <summary>What was checked</summary>
        <ul>
          {report.checks.map((c) => (
            <li key={c.kind}>{renderPatternNote(c.text, units)}</li>
          ))}
        </ul>
      </details>
      <p className="pattern-caution">These are patterns in your own diary, not proof of what causes the pain.</p>
    </>
  );
}
