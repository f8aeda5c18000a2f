/**
 * Shoes: every pair with its mileage against its limit, adding a pair, changing its limit or
 * default sports, retiring it (with an undo) and deleting it. Retired pairs keep their history.
 */
import { useCallback, useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { SPORTS } from "../../../src/contracts/training.js";
import type { ShoeCreateBody, ShoeListResponse, ShoeView, Sport } from "../../../src/contracts/training.js";
import { shoeWornPercent } from "../../../src/contracts/shoes.js";
import { formatDistanceRange } from "../../../src/contracts/format.js";
import { api, ApiError } from "../api.js";
import { ShoeChart } from "../load/charts.js";
import { formatDistance, inUnits, localToday, shortDate, SPORT_WORDS, toMetres, unitWord } from "../load/format.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import type { Units } from "../shell/session.js";
import { ShoeOffers } from "./shoe-offers.js";

const STATUS_WORDS = { ok: "Fine", replace_soon: "Replace soon", replace: "Time to replace" } as const;

function ShoeForm({
  units,
  initial,
  newDefaults = ["run"],
  submitLabel,
  onSubmit,
  onCancel,
}: {
  units: Units;
  initial?: ShoeView;
  /** The sports a new pair starts as the default for: only those no pair in use holds. */
  newDefaults?: Sport[];
  submitLabel: string;
  onSubmit: (body: ShoeCreateBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [brand, setBrand] = useState(initial?.brand ?? "");
  const [startDate, setStartDate] = useState(initial?.startDate ?? "");
  const [before, setBefore] = useState(initial ? String(Math.round(inUnits(initial.distanceBeforeM, units))) : "");
  const [limit, setLimit] = useState(String(Math.round(inUnits(initial?.limitM ?? 700_000, units))));
  const [sports, setSports] = useState<Sport[]>(initial?.defaultForSports ?? newDefaults);
  // A new pair's form follows which defaults are free (another pair may have just taken one).
  const freeDefaults = newDefaults.join(",");
  useEffect(() => {
    if (!initial) setSports(freeDefaults === "" ? [] : (freeDefaults.split(",") as Sport[]));
  }, [initial, freeDefaults]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const num = (s: string) => Number(s.replace(",", "."));
    const body: ShoeCreateBody = {
      name,
      brand: brand.trim() === "" ? null : brand,
      startDate: startDate === "" ? null : startDate,
      distanceBeforeM: before === "" ? 0 : toMetres(num(before), units),
      limitM: toMetres(num(limit), units),
      defaultForSports: sports,
    };
    setBusy(true);
    try {
      await onSubmit(body);
      setErrors({});
      if (!initial) {
        setName("");
        setBrand("");
        setBefore("");
        setStartDate("");
      }
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
      else setErrors({ form: err instanceof Error ? err.message : "Could not save." });
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) =>
    errors[path] ? (
      <p className="error" id={`${id}-${path}-error`}>
        {errors[path]}
      </p>
    ) : null;
  const by = (path: string) => (errors[path] ? `${id}-${path}-error` : undefined);
  return (
    <form className="stack shoe-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required aria-describedby={by("name")} />
        {err("name")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-brand`}>Brand (optional)</label>
        <input id={`${id}-brand`} value={brand} onChange={(e) => setBrand(e.target.value)} aria-describedby={by("brand")} />
        {err("brand")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-start`}>First worn (optional)</label>
        <input id={`${id}-start`} type="date" value={startDate} max={localToday()} onChange={(e) => setStartDate(e.target.value)} aria-describedby={by("startDate")} />
        {err("startDate")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-before`}>Distance already run before kneewise, in {unitWord(units)}</label>
        <input id={`${id}-before`} inputMode="decimal" value={before} onChange={(e) => setBefore(e.target.value)} aria-describedby={by("distanceBeforeM")} />
        {err("distanceBeforeM")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-limit`}>Replace at, in {unitWord(units)}</label>
        <input id={`${id}-limit`} inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} aria-describedby={`${id}-limit-hint ${by("limitM") ?? ""}`} />
        <small id={`${id}-limit-hint`}>
          Most runners replace a pair at {formatDistanceRange(640_000, 800_000, units)}. It is a reminder, not a safety line.
        </small>
        {err("limitM")}
      </div>
      <fieldset className="choices inline">
        <legend>Default pair for</legend>
        {SPORTS.map((s) => (
          <label key={s} className="choice">
            <input
              type="checkbox"
              checked={sports.includes(s)}
              onChange={(e) => setSports(e.target.checked ? [...sports, s] : sports.filter((x) => x !== s))}
            />{" "}
            {SPORT_WORDS[s] ?? s}
          </label>
        ))}
      </fieldset>
      {err("form")}
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function ShoesPage() {
  const { units } = useSession();
  const [list, setList] = useState<ShoeListResponse | null>(null);
  const [error, setError] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => Promise<void> } | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await api<ShoeListResponse>("GET", `/api/shoes?asOf=${localToday()}`));
      setError("");
    } catch (err) {
      setError(err instanceof Error ? err.message : "Your shoes could not be loaded.");
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<unknown>, text: string, undo?: () => Promise<void>) => {
    try {
      await fn();
      setNotice(undo ? { text, undo } : { text });
    } catch (err) {
      setNotice({ text: err instanceof Error ? err.message : "That did not work." });
    }
    await load();
  };

  const retire = (s: ShoeView) =>
    act(
      () => api("POST", `/api/shoes/${s.id}/retire`, { on: localToday() }),
      `${s.name} is retired. Its runs and distance stay in your history.`,
      async () => {
        await api("POST", `/api/shoes/${s.id}/unretire`, {});
      },
    );
  const unretire = (s: ShoeView) => act(() => api("POST", `/api/shoes/${s.id}/unretire`, {}), `${s.name} is back in use.`);
  const remove = (s: ShoeView) => {
    if (!window.confirm(`Delete ${s.name}? Its runs stay, but no longer count towards any pair. Retiring keeps its history instead.`)) return;
    void act(() => api("DELETE", `/api/shoes/${s.id}`), `${s.name} is deleted.`);
  };

  const shoes = list?.shoes ?? [];
  const active = shoes.filter((s) => s.retiredOn === null);
  const heldDefaults = new Set(active.flatMap((s) => s.defaultForSports));
  /** "Now the default for runs instead of Clifton 9": a default has one pair, so setting it moves it. */
  const movedDefaults = (pairId: string | null, name: string, sports: Sport[] | null | undefined): string =>
    active
      .filter((o) => o.id !== pairId)
      .map((o) => {
        const which = o.defaultForSports.filter((x) => (sports ?? []).includes(x)).map((x) => (SPORT_WORDS[x] ?? x).toLowerCase());
        return which.length === 0 ? "" : ` ${name} is now the default pair for ${which.join(", ")} instead of ${o.name}; runs already done stay on ${o.name}.`;
      })
      .join("");
  const retired = shoes.filter((s) => s.retiredOn !== null);
  const card = (s: ShoeView) => (
    <li key={s.id} className="card shoe-card">
      <h3>
        {s.brand ? `${s.brand} ` : ""}
        {s.name}
      </h3>
      <p>
        {formatDistance(s.distanceM, units, 0)} of {formatDistance(s.limitM, units, 0)} ({shoeWornPercent(s.distanceM, s.limitM)}%) ·{" "}
        <strong>{s.retiredOn ? `Retired on ${shortDate(s.retiredOn, true)}` : STATUS_WORDS[s.status]}</strong>
      </p>
      {s.forecastDate && !s.retiredOn ? <p>At your recent pace it reaches its limit around {shortDate(s.forecastDate, true)}.</p> : null}
      {!s.retiredOn ? (
        <p>
          {s.runs28d} {s.runs28d === 1 ? "run" : "runs"} in the last 4 weeks ({Math.round(s.share28d * 100)}% of your runs with a pair).
          {s.defaultForSports.length > 0 ? ` Default for: ${s.defaultForSports.map((x) => SPORT_WORDS[x] ?? x).join(", ").toLowerCase()}.` : ""}
        </p>
      ) : null}
      {editing === s.id ? (
        <ShoeForm
          units={units}
          initial={s}
          submitLabel="Save changes"
          onCancel={() => setEditing(null)}
          onSubmit={async (body) => {
            const moved = movedDefaults(s.id, body.name, body.defaultForSports);
            await api("PATCH", `/api/shoes/${s.id}`, body);
            setEditing(null);
            setNotice({ text: `${body.name} is saved.${moved}` });
            await load();
          }}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => setEditing(s.id)} aria-label={`Edit ${s.name}`}>
            Edit
          </button>
          {s.retiredOn ? (
            <button type="button" className="secondary" onClick={() => void unretire(s)} aria-label={`Put ${s.name} back in use`}>
              Back in use
            </button>
          ) : (
            <button type="button" className="secondary" onClick={() => void retire(s)} aria-label={`Retire ${s.name}`}>
              Retire
            </button>
          )}
          <button type="button" className="danger" onClick={() => remove(s)} aria-label={`Delete ${s.name}`}>
            Delete
          </button>
        </div>
      )}
    </li>
  );

  return (
    <Page
      title="Shoes"
      intro={<p>Every pair you run in, how far each has gone, when it is due for replacement, and whether you alternate pairs.</p>}
    >
      <div role="status" className="notice">
        {notice ? (
          <p>
            {notice.text}{" "}
            {notice.undo ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  const undo = notice.undo;
                  setNotice(null);
                  if (undo) void act(undo, "Undone.");
                }}
              >
                Undo
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <ShoeOffers onAdded={() => void load()} />
      {list && shoes.length > 0 ? (
        <ShoeChart
          units={units}
          shoes={shoes.map((s) => ({
            id: s.id,
            name: s.name,
            brand: s.brand,
            distance_m: s.distanceM,
            limit_m: s.limitM,
            status: s.status,
            forecast_date: s.forecastDate,
            retired: s.retiredOn !== null,
            runs_28d: s.runs28d,
            share_28d: s.share28d,
          }))}
        />
      ) : null}
      <section aria-labelledby="shoes-active">
        <h2 id="shoes-active">In use</h2>
        {list && active.length === 0 ? <p>No pairs in use. Add one below.</p> : null}
        <ul className="cards">{active.map(card)}</ul>
        <p className="hint">
          Alternating two pairs spreads the load a little differently from run to run. <Link to="/learn/footwear">More about shoes</Link>
        </p>
      </section>
      {retired.length > 0 ? (
        <section aria-labelledby="shoes-retired">
          <h2 id="shoes-retired">Retired</h2>
          <ul className="cards">{retired.map(card)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="shoes-add">
        <h2 id="shoes-add">Add a pair</h2>
        <ShoeForm
          units={units}
          newDefaults={(["run"] as Sport[]).filter((x) => !heldDefaults.has(x))}
          submitLabel="Add pair"
          onSubmit={async (body) => {
            const moved = movedDefaults(null, body.name, body.defaultForSports);
            const created = await api<ShoeView>("POST", "/api/shoes", body);
            setNotice({ text: `${created.name} is added.${moved}` });
            await load();
          }}
        />
      </section>
    </Page>
  );
}
