import type { ReactNode } from "react";
import { PAIN_LOCATION_LABELS } from "./answer-labels.js";
import type { PainLocation } from "./answer-labels.js";

/*
 * A knee in three views with a numbered key beneath. Each place on the drawings carries the
 * number of its line in the key, and the key is a list of checkboxes with the place in words:
 * that list is the control for keyboards and screen readers (one labelled checkbox per place,
 * instead of SVG shapes posing as buttons), and the drawings are the same answers for a finger
 * or a mouse. A place seen in two views (the back of the knee from the side and from behind) is
 * one answer, marked in both. In the front view the kneecap itself answers "around or behind the
 * kneecap", the commonest runner's complaint; its front surface, where you kneel, is marked from
 * the side. Selected places are filled and get a thick dashed outline, so the state never depends
 * on colour alone.
 */

/** The key's order, which numbers the places on the drawings. "All over" has no place to draw. */
const KEY: readonly PainLocation[] = [
  "anterior_around_behind_kneecap",
  "front_of_kneecap",
  "below_kneecap",
  "lateral",
  "medial_joint_line",
  "medial_below_joint",
  "posterior",
  "calf",
  "hip_groin_thigh",
];

interface Region {
  code: PainLocation;
  shape: ReactNode;
  /** Where the number sits. */
  at: [number, number];
}

interface View {
  id: "front" | "side" | "back";
  title: string;
  /** The leg's outline, drawn under the regions. */
  outline: ReactNode;
  labels: ReactNode;
  regions: Region[];
}

const LEG_FRONT = "M44 4 H116 L112 112 Q120 140 110 176 L104 292 H56 L50 176 Q40 140 48 112 Z";
const LEG_SIDE = "M46 4 H112 L108 112 Q124 140 110 176 L100 292 H60 L56 200 Q44 170 50 140 L52 112 Z";
const LEG_BACK = LEG_FRONT;

const VIEWS: View[] = [
  {
    id: "front",
    title: "Front",
    outline: <path d={LEG_FRONT} className="knee-leg" />,
    labels: (
      <>
        <text x="6" y="150" className="knee-label">
          outer
        </text>
        <text x="124" y="150" className="knee-label">
          inner
        </text>
      </>
    ),
    regions: [
      { code: "hip_groin_thigh", shape: <rect x="52" y="12" width="56" height="72" rx="14" />, at: [80, 48] },
      { code: "lateral", shape: <rect x="38" y="112" width="18" height="64" rx="8" />, at: [47, 128] },
      { code: "anterior_around_behind_kneecap", shape: <ellipse cx="80" cy="140" rx="24" ry="30" />, at: [80, 140] },
      { code: "medial_joint_line", shape: <rect x="106" y="136" width="18" height="30" rx="8" />, at: [115, 151] },
      { code: "below_kneecap", shape: <rect x="68" y="176" width="24" height="34" rx="8" />, at: [80, 193] },
      { code: "medial_below_joint", shape: <rect x="96" y="172" width="18" height="38" rx="8" />, at: [105, 191] },
    ],
  },
  {
    id: "side",
    title: "Side (outer side)",
    outline: <path d={LEG_SIDE} className="knee-leg" />,
    labels: (
      <>
        <text x="2" y="150" className="knee-label">
          back
        </text>
        <text x="124" y="150" className="knee-label">
          front
        </text>
      </>
    ),
    regions: [
      { code: "hip_groin_thigh", shape: <rect x="56" y="12" width="52" height="72" rx="14" />, at: [82, 48] },
      { code: "posterior", shape: <rect x="46" y="122" width="20" height="44" rx="9" />, at: [56, 144] },
      { code: "lateral", shape: <ellipse cx="84" cy="142" rx="16" ry="22" />, at: [84, 142] },
      { code: "front_of_kneecap", shape: <rect x="104" y="120" width="18" height="38" rx="9" />, at: [113, 139] },
      { code: "below_kneecap", shape: <rect x="98" y="166" width="18" height="34" rx="8" />, at: [107, 183] },
      { code: "calf", shape: <rect x="54" y="196" width="28" height="60" rx="12" />, at: [68, 226] },
    ],
  },
  {
    id: "back",
    title: "Back",
    outline: <path d={LEG_BACK} className="knee-leg" />,
    labels: (
      <>
        <text x="6" y="150" className="knee-label">
          inner
        </text>
        <text x="124" y="150" className="knee-label">
          outer
        </text>
      </>
    ),
    regions: [
      { code: "hip_groin_thigh", shape: <rect x="52" y="12" width="56" height="72" rx="14" />, at: [80, 48] },
      { code: "posterior", shape: <ellipse cx="80" cy="144" rx="28" ry="24" />, at: [80, 144] },
      { code: "calf", shape: <ellipse cx="80" cy="222" rx="24" ry="42" />, at: [80, 222] },
    ],
  },
];

function keyNumber(code: PainLocation): number {
  return KEY.indexOf(code) + 1;
}

export function KneeDiagram({ selected, onToggle }: { selected: readonly PainLocation[]; onToggle: (code: PainLocation) => void }) {
  return (
    <div className="knee-diagram">
      <div className="knee-views">
        {VIEWS.map((view) => (
          <figure key={view.id} className="knee-view" data-view={view.id}>
            {/* Hidden from assistive technology: the key below holds the same answers as labelled checkboxes. */}
            <svg viewBox="0 0 160 300" aria-hidden="true">
              {view.outline}
              <g>{view.labels}</g>
              {view.regions.map((r) => (
                <g
                  key={r.code}
                  data-place={r.code}
                  className={selected.includes(r.code) ? "knee-region selected" : "knee-region"}
                  onClick={() => onToggle(r.code)}
                >
                  <title>{PAIN_LOCATION_LABELS[r.code]}</title>
                  {r.shape}
                </g>
              ))}
              {view.regions.map((r) => (
                <g key={r.code} className="knee-number">
                  <circle cx={r.at[0]} cy={r.at[1]} r="8" />
                  <text x={r.at[0]} y={r.at[1]} textAnchor="middle" dominantBaseline="central">
                    {keyNumber(r.code)}
                  </text>
                </g>
              ))}
            </svg>
            <figcaption>{view.title}</figcaption>
          </figure>
        ))}
      </div>
      <div className="knee-key">
        {[...KEY, "diffuse" as const].map((code) => (
          <label key={code} className="choice">
            <input type="checkbox" name="painLocations" value={code} checked={selected.includes(code)} onChange={() => onToggle(code)} />
            <span>
              {code === "diffuse" ? null : (
                <span className="knee-key-number" aria-hidden="true">
                  {keyNumber(code)}
                </span>
              )}
              {PAIN_LOCATION_LABELS[code]}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
