import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { MeResponse, UserView } from "../../../src/contracts/auth.js";
import { api } from "../api.js";

export type Units = "km" | "mi";

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
  const saved = globalThis.localStorage?.getItem(UNITS_KEY);
  if (saved === "km" || saved === "mi") return saved;
  // Runners in the US and UK mostly think in miles.
  return /^en-(US|GB)$/.test(navigator.language) ? "mi" : "km";
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [units, setUnitsState] = useState<Units>(initialUnits);

  const refresh = useCallback(async () => {
    try {
      setMe(await api<MeResponse>("GET", "/api/me"));
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
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
