/**
 * The runner's corrections to one activity: sport, name, pair and surface, leaving it out of the
 * training load, merging another record of the same run into it, and deleting it (with an undo).
 */
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { sportName, surfaceName } from "../../../src/contracts/activities.js";
import type { ActivityListResponse, ActivitySummary, ActivityUpdateBody, SportName } from "../../../src/contracts/activities.js";
import { RUNNING_SPORTS } from "../../../src/contracts/training.js";
import type { ShoeView } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { SURFACE_WORDS } from "../load/format.js";
import { useSession } from "../shell/session.js";
import { PairOptions } from "../shoes/pair.js";
import { activityTitle, formatDistance, formatDuration, formatStart, SPORT_WORDS } from "./format.js";

/** `shoes`: the runner's pairs, which the activity page has loaded (an empty list until then). */
export function ActivityEdit({ activity, shoes, onSaved }: { activity: ActivitySummary; shoes: readonly ShoeView[]; onSaved: (a: ActivitySummary) => void }) {
  const id = useId();
  const [name, setName] = useState(activity.name ?? "");
  const [sport, setSport] = useState<SportName>(activity.sport);
  const [shoe, setShoe] = useState(activity.shoeManual ? (activity.shoeId ?? "none") : "auto");
  const [surface, setSurface] = useState(activity.surface ?? "");
  const [excluded, setExcluded] = useState(activity.excludeFromLoad);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const running = RUNNING_SPORTS.includes(sport);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body: ActivityUpdateBody = {};
    if (name.trim() !== (activity.name ?? "")) body.name = name.trim() === "" ? null : name.trim();
    if (sport !== activity.sport) body.sport = sport;
    const wasShoe = activity.shoeManual ? (activity.shoeId ?? "none") : "auto";
    if (shoe !== wasShoe) {
      if (shoe === "auto") body.shoeAuto = true;
      else body.shoeId = shoe === "none" ? null : shoe;
    }
    const nextSurface = running && surface !== "" ? (surface as ActivityUpdateBody["surface"]) : null;
    if (nextSurface !== (activity.surface ?? null)) body.surface = nextSurface;
    if (excluded !== activity.excludeFromLoad) body.excludeFromLoad = excluded;
    if (Object.keys(body).length === 0) {
      setMessage("Nothing to save: nothing has changed.");
      return;
    }
    setBusy(true);
    try {
      const saved = await api<ActivitySummary>("PATCH", `/api/activities/${encodeURIComponent(activity.id)}`, body);
      setMessage("Saved.");
      onSaved(saved);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : "The changes could not be saved.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack activity-edit" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Correct this activity</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Title</label>
        <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-sport`}>Sport</label>
        <select id={`${id}-sport`} value={sport} onChange={(e) => setSport(e.target.value as SportName)}>
          {sportName.options.map((s) => (
            <option key={s} value={s}>
              {SPORT_WORDS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-shoe`}>Shoes</label>
        <select id={`${id}-shoe`} value={shoe} onChange={(e) => setShoe(e.target.value)}>
          <option value="auto">Automatic (the gear name, or the sport&apos;s default pair)</option>
          <option value="none">No pair</option>
          <PairOptions shoes={shoes} />
        </select>
      </div>
      {running ? (
        <div className="field">
          <label htmlFor={`${id}-surface`}>Surface</label>
          <select id={`${id}-surface`} value={surface} onChange={(e) => setSurface(e.target.value)}>
            <option value="">Not said</option>
            {surfaceName.options.map((s) => (
              <option key={s} value={s}>
                {SURFACE_WORDS[s] ?? s}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={excluded} onChange={(e) => setExcluded(e.target.checked)} />
        Leave it out of the training load and shoe mileage (someone else&apos;s run on your watch, a recording gone wrong)
      </label>
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save changes"}
        </button>
      </div>
      <p role="status">{message}</p>
    </form>
  );
}

/** Records within a day of this one: the candidates for "the same run, recorded twice". */
export function MergeActivity({ activity, onMerged }: { activity: ActivitySummary; onMerged: (a: ActivitySummary) => void }) {
  const id = useId();
  const { units } = useSession();
  const [others, setOthers] = useState<ActivitySummary[] | null>(null);
  const [other, setOther] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const at = Date.parse(activity.startUtc);
    const q = new URLSearchParams({
      from: new Date(at - 86_400_000).toISOString(),
      to: new Date(at + 86_400_000).toISOString(),
      sort: "date",
      dir: "asc",
      limit: "50",
    });
    api<ActivityListResponse>("GET", `/api/activities?${q.toString()}`).then(
      (l) => setOthers(l.activities.filter((a) => a.id !== activity.id)),
      () => setOthers([]),
    );
  }, [activity.id, activity.startUtc]);

  if (others === null || others.length === 0) return null;
  const merge = async (e: FormEvent) => {
    e.preventDefault();
    if (other === "") {
      setMessage("Choose the other record first.");
      return;
    }
    setBusy(true);
    try {
      const merged = await api<ActivitySummary>("POST", `/api/activities/${encodeURIComponent(activity.id)}/merge`, { otherId: other });
      setOthers(others.filter((a) => a.id !== other));
      setOther("");
      setMessage("Merged: one activity now, with the fuller recording.");
      onMerged(merged);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : "The two could not be merged.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack activity-edit" onSubmit={(e) => void merge(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>The same run, recorded twice?</h2>
      <p>Merge another record into this one: this one keeps its title, sport and shoes, takes the fuller recording of the two, and the other goes.</p>
      <div className="field">
        <label htmlFor={`${id}-other`}>The other record</label>
        <select id={`${id}-other`} value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">Choose…</option>
          {others.map((a) => (
            <option key={a.id} value={a.id}>
              {activityTitle(a)}: {formatStart(a.startUtc, a.utcOffsetMin)}, {a.distanceM > 0 ? formatDistance(a.distanceM, units) : "no distance"}, {formatDuration(a.movingS)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="secondary" disabled={busy}>
          Merge into this one
        </button>
      </div>
      <p role="status">{message}</p>
    </form>
  );
}
