import type { KeyboardEvent, ReactNode } from "react";
import { PAIN_LOCATION_LABELS } from "./answer-labels.js";
import type { PainLocation } from "./answer-labels.js";

/*
 * A clickable knee in three views. Every region is an SVG shape with role="button", a name
 * that says the view and the place, aria-pressed for its state, and Enter/Space to toggle, so
 * the diagram works by touch, mouse and keyboard alike. A place seen in two views (the back of
 * the knee from the side and from behind) is one answer, marked in both. Selected regions are
 * filled and get a thick dashed outline, so the state never depends on colour alone.
 */

interface Region {
  code: PainLocation;
  /** Short words for the name: "Front view: the kneecap's front surface". */
  name: string;
  shape: ReactNode;
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
      { code: "hip_groin_thigh", name: "the thigh, hip or groin", shape: <rect x="52" y="12" width="56" height="72" rx="14" /> },
      { code: "lateral", name: "the outer side of the knee", shape: <rect x="38" y="112" width="18" height="64" rx="8" /> },
      { code: "anterior_around_behind_kneecap", name: "around or behind the kneecap", shape: <ellipse cx="80" cy="140" rx="26" ry="32" /> },
      { code: "front_of_kneecap", name: "the front surface of the kneecap", shape: <ellipse cx="80" cy="140" rx="13" ry="16" /> },
      { code: "medial_joint_line", name: "the inner side, level with the joint", shape: <rect x="106" y="136" width="18" height="30" rx="8" /> },
      { code: "below_kneecap", name: "just below the kneecap", shape: <rect x="68" y="176" width="24" height="34" rx="8" /> },
      { code: "medial_below_joint", name: "the inner upper shin, below the joint", shape: <rect x="96" y="172" width="18" height="38" rx="8" /> },
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
      { code: "hip_groin_thigh", name: "the thigh", shape: <rect x="56" y="12" width="52" height="72" rx="14" /> },
      { code: "posterior", name: "the back of the knee", shape: <rect x="46" y="122" width="20" height="44" rx="9" /> },
      { code: "lateral", name: "the outer side of the knee", shape: <ellipse cx="84" cy="142" rx="16" ry="22" /> },
      { code: "front_of_kneecap", name: "the front of the kneecap", shape: <rect x="104" y="120" width="18" height="38" rx="9" /> },
      { code: "below_kneecap", name: "just below the kneecap", shape: <rect x="98" y="166" width="18" height="34" rx="8" /> },
      { code: "calf", name: "the calf", shape: <rect x="54" y="196" width="28" height="60" rx="12" /> },
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
      { code: "hip_groin_thigh", name: "the back of the thigh", shape: <rect x="52" y="12" width="56" height="72" rx="14" /> },
      { code: "posterior", name: "the back of the knee", shape: <ellipse cx="80" cy="144" rx="28" ry="24" /> },
      { code: "calf", name: "the calf", shape: <ellipse cx="80" cy="222" rx="24" ry="42" /> },
    ],
  },
];

function onKey(e: KeyboardEvent<SVGElement>, toggle: () => void) {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    toggle();
  }
}

export function KneeDiagram({ selected, onToggle }: { selected: readonly PainLocation[]; onToggle: (code: PainLocation) => void }) {
  return (
    <div className="knee-diagram">
      <div className="knee-views">
        {VIEWS.map((view) => (
          <figure key={view.id} className="knee-view">
            <svg viewBox="0 0 160 300" role="group" aria-label={`${view.title} view of the knee`}>
              {view.outline}
              <g aria-hidden="true">{view.labels}</g>
              {view.regions.map((r) => {
                const on = selected.includes(r.code);
                return (
                  <g
                    key={r.code}
                    role="button"
                    tabIndex={0}
                    aria-label={`${view.title} view: ${r.name}`}
                    aria-pressed={on}
                    className={on ? "knee-region selected" : "knee-region"}
                    onClick={() => onToggle(r.code)}
                    onKeyDown={(e) => onKey(e, () => onToggle(r.code))}
                  >
                    {r.shape}
                  </g>
                );
              })}
            </svg>
            <figcaption>{view.title}</figcaption>
          </figure>
        ))}
      </div>
      <button type="button" className="secondary diffuse-toggle" aria-pressed={selected.includes("diffuse")} onClick={() => onToggle("diffuse")}>
        {selected.includes("diffuse") ? "✓ " : ""}All over, hard to pin down
      </button>
      <div aria-live="polite" className="knee-chosen">
        {selected.length === 0 ? (
          <p>Nothing marked yet.</p>
        ) : (
          <>
            <p>You marked:</p>
            <ul>
              {selected.map((code) => (
                <li key={code}>{PAIN_LOCATION_LABELS[code]}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
