import { Link } from "react-router";
import type { ReportWarning } from "../../../src/contracts/training.js";

/** One headline per code; the report gives at most one weekly-change and one spike message now. */
const HEADLINES: Record<string, string> = {
  RAMP_WEEKLY: "A week above your recent weeks",
  // Not raised any more (issue 17); kept so an older saved report still reads.
  RAMP_TWO_WEEK: "A big rise over two weeks",
  RUN_SPIKE: "A run well past your recent longest",
  ACWR_HIGH: "This week is well above what you are used to",
  RESTART_AFTER_BREAK: "Back after a break",
  MONOTONY_HIGH: "Every day the same",
  SHOE_REPLACE: "Shoes near their limit",
  SHOE_ROTATE: "Always the same pair",
  HILLS_UP: "More climbing than usual",
  HILLS_DOWN: "More downhill than usual",
  SPEED_NEW: "New speed work",
  SURFACE_CHANGE: "A change of surface",
  NO_VARIETY: "Only running",
  OVERTRAINING_SIGNS: "Signs of too little recovery",
};

const ARTICLE_TITLES: Record<string, string> = {
  "ten-percent-rule": "the 10% guide",
  "training-errors": "training errors",
  "hills-and-downhill": "hills and downhill running",
  "speed-work": "speed work",
  surfaces: "running surfaces",
  footwear: "shoes",
  overtraining: "overtraining",
  "varied-training": "varied training",
  "acute-chronic-load": "acute and chronic load",
};

/** The warnings in plain words, each with the reason and the article that explains it. */
export function WarningsList({ warnings }: { warnings: ReportWarning[] }) {
  if (warnings.length === 0) return <p className="all-clear">Nothing in your recent training needs attention.</p>;
  return (
    <ul className="warnings">
      {warnings.map((w, i) => (
        <li key={`${w.code}-${w.week ?? ""}-${i}`} className="warning">
          <h3>
            <span aria-hidden="true">! </span>
            {HEADLINES[w.code] ?? w.code}
          </h3>
          <p>{w.message}</p>
          <p>
            <Link to={`/learn/${w.article}`}>Read more about {ARTICLE_TITLES[w.article] ?? w.article}</Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
