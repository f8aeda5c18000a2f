/**
 * The profile's heart-rate anchors: maximum and threshold heart rate, each optional. The activity
 * page reads its heart-rate zones from them; kneewise never estimates them (not from age either).
 */
import { MAX_HR_RANGE, THRESHOLD_HR_RANGE } from "../../../src/contracts/profile.js";

export interface HeartRateText {
  maxHr: string;
  thresholdHr: string;
}

export const heartRateText = (p: { maxHr: number | null; thresholdHr: number | null }): HeartRateText => ({
  maxHr: p.maxHr === null ? "" : String(p.maxHr),
  thresholdHr: p.thresholdHr === null ? "" : String(p.thresholdHr),
});

/**
 * Empty is "not given" (null), a number is sent as one, and anything else as the text typed, so
 * the server's refusal names the field rather than the text quietly clearing it.
 */
export function bpmOrNull(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

const FIELDS = [
  {
    name: "maxHr",
    label: "Maximum heart rate (beats per minute)",
    range: MAX_HR_RANGE,
    hint: "The highest you have seen at the end of an all-out effort, such as a hill repeated to exhaustion or the final sprint of a race.",
  },
  {
    name: "thresholdHr",
    label: "Threshold heart rate (beats per minute)",
    range: THRESHOLD_HR_RANGE,
    hint: "Your average over the last 20 minutes of a hard 30-minute solo run, or what a lab test or your watch's threshold test gave.",
  },
] as const;

export function HeartRateFields({
  value,
  onChange,
  fieldError,
}: {
  value: HeartRateText;
  onChange: (patch: Partial<HeartRateText>) => void;
  fieldError: (name: string) => string | undefined;
}) {
  return (
    <fieldset className="choices" id="heart-rate">
      <legend>Your heart rate</legend>
      <div className="hint">
        <p>
          Optional. With either one, each activity shows its time in five heart-rate zones (the threshold one is used when you give both). Leave
          them empty if you do not know them: kneewise does not guess them from your age, because such guesses are often 10 to 20 beats out.
        </p>
      </div>
      {FIELDS.map((f) => {
        const error = fieldError(f.name);
        return (
          <div className="field" key={f.name}>
            <label htmlFor={f.name}>{f.label}</label>
            <small className="hint" id={`${f.name}-hint`}>
              {f.hint} From {f.range.min} to {f.range.max}.
            </small>
            {error ? (
              <p className="error" id={`${f.name}-error`}>
                {error}
              </p>
            ) : null}
            <input
              id={f.name}
              name={f.name}
              inputMode="numeric"
              autoComplete="off"
              value={value[f.name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${f.name}-hint ${f.name}-error` : `${f.name}-hint`}
              onChange={(e) => onChange({ [f.name]: e.currentTarget.value })}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
