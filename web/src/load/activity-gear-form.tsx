/**
 * The runner's own choice of pair and surface for one activity, for the activity page to mount:
 * <ActivityGearForm activityId={a.id} shoeId={a.shoe_id} surface={a.surface} />.
 */
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { SURFACES } from "../../../src/contracts/training.js";
import type { ActivityGearBody, ActivityGearView, ShoeListResponse, ShoeView } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { SURFACE_WORDS } from "./format.js";

export function ActivityGearForm({
  activityId,
  shoeId,
  surface,
  onSaved,
}: {
  activityId: string;
  shoeId: string | null;
  surface: string | null;
  onSaved?: (view: ActivityGearView) => void;
}) {
  const id = useId();
  const [shoes, setShoes] = useState<ShoeView[]>([]);
  const [shoe, setShoe] = useState<string>(shoeId ?? "auto");
  const [surf, setSurf] = useState<string>(surface ?? "");
  const [status, setStatus] = useState("");

  useEffect(() => {
    api<ShoeListResponse>("GET", "/api/shoes")
      .then((r) => setShoes(r.shoes))
      .catch(() => setShoes([]));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: ActivityGearBody = { surface: surf === "" ? null : (surf as NonNullable<ActivityGearBody["surface"]>) };
    if (shoe === "auto") body.shoeAuto = true;
    else body.shoeId = shoe === "none" ? null : shoe;
    try {
      const view = await api<ActivityGearView>("PATCH", `/api/training/activities/${activityId}`, body);
      setStatus("Saved.");
      onSaved?.(view);
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : "Could not save.");
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-shoe`}>Shoes for this activity</label>
        <select id={`${id}-shoe`} value={shoe} onChange={(e) => setShoe(e.target.value)}>
          <option value="auto">Automatic (from the file or my default pair)</option>
          <option value="none">No pair</option>
          {shoes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.brand ? `${s.brand} ` : ""}
              {s.name}
              {s.retiredOn ? " (retired)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-surface`}>Surface</label>
        <select id={`${id}-surface`} value={surf} onChange={(e) => setSurf(e.target.value)}>
          <option value="">Not said</option>
          {SURFACES.map((s) => (
            <option key={s} value={s}>
              {SURFACE_WORDS[s] ?? s}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Save shoes and surface</button>
      <p role="status" className="status">
        {status}
      </p>
    </form>
  );
}
