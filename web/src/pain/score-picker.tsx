import { useId } from "react";

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * A 0-10 score as one tap: a row of radio buttons that look like segmented buttons, with a
 * "skip" choice first because not every day has a run or a morning yet. Each band is named in
 * words beside its colour, so the scale never rests on colour alone.
 */
export function ScorePicker({
  legend,
  hint,
  value,
  onChange,
}: {
  legend: string;
  hint?: string;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="score-picker" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="score-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className="score-options">
        <label className="score-option score-skip">
          <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
          <span>Skip</span>
        </label>
        {SCORES.map((s) => (
          <label key={s} className={`score-option band-${s <= 2 ? "safe" : s <= 5 ? "ok" : "high"}`}>
            <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
            <span>{s}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
