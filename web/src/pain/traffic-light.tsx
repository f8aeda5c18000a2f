import type { PainStatus } from "../../../src/contracts/pain.js";

const LOOK: Record<PainStatus["light"], { title: string; word: string }> = {
  green: { title: "Green: you can build up", word: "Progress" },
  amber: { title: "Amber: hold your training where it is", word: "Hold" },
  red: { title: "Red: back off", word: "Back off" },
  none: { title: "No light yet", word: "Keep things steady" },
};

/** Shape as well as colour: a tick in a circle, a bar in a triangle, a cross in an octagon. */
function LightIcon({ light }: { light: PainStatus["light"] }) {
  return (
    <svg className="light-icon" viewBox="0 0 40 40" width="48" height="48" aria-hidden="true" focusable="false">
      {light === "green" ? (
        <>
          <circle cx="20" cy="20" r="18" fill="#0b6e4f" />
          <path d="M11 21l6 6 12-14" stroke="#fff" strokeWidth="4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : light === "amber" ? (
        <>
          <path d="M20 3l18 33H2z" fill="#8a5a00" />
          <rect x="17.5" y="13" width="5" height="13" rx="2" fill="#fff" />
          <circle cx="20" cy="31" r="2.8" fill="#fff" />
        </>
      ) : light === "red" ? (
        <>
          <path d="M13 2h14l11 11v14L27 38H13L2 27V13z" fill="#a4161a" />
          <path d="M13 13l14 14M27 13L13 27" stroke="#fff" strokeWidth="4" strokeLinecap="round" />
        </>
      ) : (
        <>
          <circle cx="20" cy="20" r="17" fill="none" stroke="#4a545e" strokeWidth="3" strokeDasharray="5 4" />
          <text x="20" y="27" textAnchor="middle" fontSize="20" fontWeight="700" fill="#4a545e">
            ?
          </text>
        </>
      )}
    </svg>
  );
}

export function TrafficLight({ status }: { status: PainStatus }) {
  const look = LOOK[status.light];
  return (
    <section className={`traffic-light light-${status.light}`} aria-labelledby="light-heading" aria-live="polite">
      <div className="light-head">
        <LightIcon light={status.light} />
        <div>
          <h2 id="light-heading">{look.title}</h2>
          <p className="light-decision">
            Decision: <strong>{look.word}</strong>
          </p>
        </div>
      </div>
      <ul className="light-reasons">
        {status.reasons.map((r) => (
          <li key={r.code}>{r.text}</li>
        ))}
      </ul>
      {status.windows[0] && status.windows[0].entries > 0 ? (
        <p className="light-weeks">
          Last 7 days: {status.windows[0].entries} {status.windows[0].entries === 1 ? "entry" : "entries"}, average {status.windows[0].mean}, worst {status.windows[0].max}.
        </p>
      ) : null}
      <p className="light-source">
        The bands (0 to 2 safe, 3 to 5 acceptable if it settles overnight, above 5 too much) follow the pain-monitoring approach
        tested for Achilles tendon pain (Silbernagel 2007). Using it for knee pain is a reasonable stretch, not proven.
      </p>
    </section>
  );
}
