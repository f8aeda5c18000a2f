import { useState } from "react";
import type { RoleResponse } from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { useSession } from "../shell/session.js";

/** "I am a coach or physio" / "I run": the one role change anyone may make for themselves. */
export function RoleSwitch() {
  const { user, refresh } = useSession();
  const [error, setError] = useState("");
  if (!user || (user.role !== "runner" && user.role !== "coach")) return null;
  const to = user.role === "runner" ? "coach" : "runner";

  async function change() {
    setError("");
    try {
      await api<RoleResponse>("PUT", "/api/me/role", { role: to });
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Your role could not be changed.");
    }
  }

  return (
    <div className="role-switch">
      <div className="button-row">
        <button type="button" className={to === "coach" ? "" : "secondary"} onClick={() => void change()}>
          {to === "coach" ? "I am a coach or physio" : "Switch back to a runner account"}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
