import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { MeResponse, UserView } from "../../../src/contracts/auth.js";
import type { ProfileResponse } from "../../../src/contracts/profile.js";
import { api } from "../api.js";

export type { Units } from "../../../src/contracts/format.js";
import type { Units } from "../../../src/contracts/format.js";

interface SessionState {
  loading: boolean;
  mode: MeResponse["mode"] | null;
  user: UserView | null;
  units: Units;
  setUnits: (u: Units) => void;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const UNITS_KEY = "kneewise.units";

function initialUnits(): Units {
  const saved = storedUnits(UNITS_KEY);
  if (saved !== null) return saved;
  // Runners in the US and UK mostly think in miles.
  return /^en-(US|GB)$/.test(navigator.language) ? "mi" : "km";
}

/** The choice last read from or written to the saved profile, to tell a change made here from an old one. */
const SAVED_KEY = "kneewise.units.saved";

function storedUnits(key: string): Units | null {
  const v = globalThis.localStorage?.getItem(key);
  return v === "km" || v === "mi" ? v : null;
}

function remember(units: Units): void {
  localStorage.setItem(UNITS_KEY, units);
  localStorage.setItem(SAVED_KEY, units);
}

/**
 * A saved profile holds the one choice of units, which the calendar feed, the CLI and the
 * server's own texts read too: this device follows it, unless the choice was changed here and
 * not saved yet (then it is saved now). Before the first save the choice stays on this device,
 * and the first-run setup and the profile form offer it.
 */
async function syncProfileUnits(set: (u: Units) => void): Promise<void> {
  const profile = await api<ProfileResponse>("GET", "/api/profile");
  if (profile.updatedAt === null) return;
  const local = storedUnits(UNITS_KEY);
  const changedHere = local !== null && local !== storedUnits(SAVED_KEY) && local !== profile.units;
  if (changedHere) await api("PUT", "/api/profile", { units: local });
  const units = changedHere ? local : profile.units;
  remember(units);
  set(units);
}

/** A choice made on this device goes into the saved profile, so every page and the calendar agree. */
async function saveProfileUnits(units: Units): Promise<void> {
  const profile = await api<ProfileResponse>("GET", "/api/profile");
  if (profile.updatedAt === null) return;
  if (profile.units !== units) await api("PUT", "/api/profile", { units });
  remember(units);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [units, setUnitsState] = useState<Units>(initialUnits);

  const refresh = useCallback(async () => {
    const next = await api<MeResponse>("GET", "/api/me").catch(() => null);
    // Pages wait for the profile's units, so none shows a distance in the other unit first.
    // When the profile cannot be read, this device's own choice stands.
    if (next?.user) await syncProfileUnits(setUnitsState).catch(() => undefined);
    setMe(next);
    setLoading(false);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<SessionState>(
    () => ({
      loading,
      mode: me?.mode ?? null,
      user: me?.user ?? null,
      units,
      setUnits: (u) => {
        localStorage.setItem(UNITS_KEY, u);
        setUnitsState(u);
        // When the save fails, the choice holds on this device; the profile page shows the stored one.
        if (me?.user) void saveProfileUnits(u).catch(() => undefined);
      },
      refresh,
    }),
    [loading, me, units, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
