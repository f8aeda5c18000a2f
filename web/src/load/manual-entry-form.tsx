/** Log a run, or a cross-training session, that has no file. */
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { CROSS_TRAINING_SPORTS, RUNNING_SPORTS, SURFACES } from "../../../src/contracts/training.js";
import type { ManualActivityBody, ManualActivityView, ShoeListResponse, ShoeView } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { dateText } from "../shell/dates.js";
import { useSession } from "../shell/session.js";
import { formatDistance, formatDuration, localToday, SPORT_WORDS, SURFACE_WORDS, toMetres, unitWord } from "./format.js";

type Kind = "run" | "cross";

function FieldError({ id, errors, path }: { id: string; errors: Record<string, string>; path: string }) {
  const msg = errors[path];
  return msg ? (
    <p className="error" id={`${id}-${path}-error`}>
      {msg}
    </p>
  ) : null;
}

export function ManualEntryForm({ onSaved }: { onSaved: () => void }) {
  const { units } = useSession();
  const id = useId();
  const [kind, setKind] = useState<Kind>("run");
  const [sport, setSport] = useState<string>("run");
  const [date, setDate] = useState(localToday());
  const [time, setTime] = useState("");
  const [distance, setDistance] = useState("");
  const [hours, setHours] = useState("");
  const [minutes, setMinutes] = useState("");
  const [rpe, setRpe] = useState("");
  const [surface, setSurface] = useState("");
  const [shoe, setShoe] = useState("default");
  const [shoes, setShoes] = useState<ShoeView[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<ShoeListResponse>("GET", "/api/shoes")
      .then((r) => setShoes(r.shoes.filter((s) => s.retiredOn === null)))
      .catch(() => setShoes([]));
  }, []);

  const switchKind = (k: Kind) => {
    setKind(k);
    setSport(k === "run" ? "run" : "ride");
    setErrors({});
  };

  const describedBy = (path: string) => (errors[path] ? `${id}-${path}-error` : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus("");
    const local: Record<string, string> = {};
    const h = hours === "" ? 0 : Number(hours);
    const min = minutes === "" ? 0 : Number(minutes);
    const durationS = Math.round(h * 3600 + min * 60);
    if (!Number.isFinite(durationS) || durationS <= 0) local.durationS = "Give how long it took.";
    const dist = distance === "" ? undefined : Number(distance.replace(",", "."));
    if (kind === "run" && (dist === undefined || !Number.isFinite(dist) || dist <= 0)) local.distanceM = `Give the distance in ${unitWord(units)}.`;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const body: ManualActivityBody = {
      sport: sport as ManualActivityBody["sport"],
      date,
      durationS,
      // The browser knows the runner's offset from UTC on that day (daylight saving included).
      utcOffsetMin: -new Date(`${date}T${time || "12:00"}:00`).getTimezoneOffset(),
    };
    if (time !== "") body.time = time;
    if (dist !== undefined) body.distanceM = toMetres(dist, units);
    if (rpe !== "") body.perceivedExertion = Number(rpe);
    if (kind === "run") {
      if (surface !== "") body.surface = surface as NonNullable<ManualActivityBody["surface"]>;
      if (shoe === "none") body.shoeId = null;
      else if (shoe !== "default") body.shoeId = shoe;
    }
    setBusy(true);
    try {
      const saved = await api<ManualActivityView>("POST", "/api/training/activities", body);
      setErrors({});
      setStatus(
        `Saved: ${SPORT_WORDS[saved.sport] ?? saved.sport}${saved.distanceM > 0 ? `, ${formatDistance(saved.distanceM, units)}` : ""}, ${formatDuration(saved.durationS)} on ${dateText(saved.date)}.`,
      );
      setDistance("");
      setHours("");
      setMinutes("");
      setRpe("");
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
      else setErrors({ form: err instanceof Error ? err.message : "Could not save." });
    } finally {
      setBusy(false);
    }
  }

  const sports = kind === "run" ? RUNNING_SPORTS : CROSS_TRAINING_SPORTS;
  return (
    <form className="manual-entry stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Log a session by hand</h2>
      <fieldset className="choices inline">
        <legend>What kind of session?</legend>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={kind === "run"} onChange={() => switchKind("run")} /> A run
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={kind === "cross"} onChange={() => switchKind("cross")} /> Cross-training
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-sport`}>{kind === "run" ? "Type of run" : "Sport"}</label>
        <select id={`${id}-sport`} value={sport} onChange={(e) => setSport(e.target.value)} aria-describedby={describedBy("sport")}>
          {sports.map((s) => (
            <option key={s} value={s}>
              {SPORT_WORDS[s] ?? s}
            </option>
          ))}
        </select>
        <FieldError id={id} errors={errors} path="sport" />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} type="date" value={date} max={localToday()} required onChange={(e) => setDate(e.target.value)} aria-describedby={describedBy("date")} />
          <FieldError id={id} errors={errors} path="date" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Start time (optional)</label>
          <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-distance`}>
          Distance in {unitWord(units)}
          {kind === "cross" ? " (optional)" : ""}
        </label>
        <input id={`${id}-distance`} inputMode="decimal" value={distance} onChange={(e) => setDistance(e.target.value)} aria-describedby={describedBy("distanceM")} aria-invalid={errors.distanceM ? true : undefined} />
        <FieldError id={id} errors={errors} path="distanceM" />
      </div>
      <fieldset className="field-row" aria-describedby={describedBy("durationS")}>
        <legend>How long</legend>
        <div className="field">
          <label htmlFor={`${id}-hours`}>Hours</label>
          <input id={`${id}-hours`} inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Minutes</label>
          <input id={`${id}-minutes`} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </div>
      </fieldset>
      <FieldError id={id} errors={errors} path="durationS" />
      <div className="field">
        <label htmlFor={`${id}-rpe`}>How hard did it feel? (optional)</label>
        <select id={`${id}-rpe`} value={rpe} onChange={(e) => setRpe(e.target.value)} aria-describedby={describedBy("perceivedExertion")}>
          <option value="">Not rated</option>
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
              {n === 1 ? " – very easy" : n === 5 ? " – steady" : n === 10 ? " – flat out" : ""}
            </option>
          ))}
        </select>
        <FieldError id={id} errors={errors} path="perceivedExertion" />
      </div>
      {kind === "run" ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-surface`}>Surface (optional)</label>
            <select id={`${id}-surface`} value={surface} onChange={(e) => setSurface(e.target.value)} aria-describedby={describedBy("surface")}>
              <option value="">Not said</option>
              {SURFACES.map((s) => (
                <option key={s} value={s}>
                  {SURFACE_WORDS[s] ?? s}
                </option>
              ))}
            </select>
            <FieldError id={id} errors={errors} path="surface" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-shoe`}>Shoes</label>
            <select id={`${id}-shoe`} value={shoe} onChange={(e) => setShoe(e.target.value)} aria-describedby={describedBy("shoeId")}>
              <option value="default">My default pair</option>
              <option value="none">No pair / not saying</option>
              {shoes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.brand ? `${s.brand} ` : ""}
                  {s.name}
                </option>
              ))}
            </select>
            <FieldError id={id} errors={errors} path="shoeId" />
          </div>
        </div>
      ) : null}
      {errors.form ? <p className="error">{errors.form}</p> : null}
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : kind === "run" ? "Save run" : "Save session"}
      </button>
      <p role="status" className="status">
        {status}
      </p>
    </form>
  );
}
