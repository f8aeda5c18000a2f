import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { PainStatusResponse } from "../../../src/contracts/pain.js";
import { api } from "../api.js";
import { TrafficLight } from "../pain/traffic-light.js";
import { browserLocale } from "../shell/locale.js";
import { localToday } from "./format.js";

/**
 * The pain diary's traffic light beside the training load: the load says how much the runner
 * did, the knee says whether it coped; together they decide progress, hold or back off.
 */
export function PainBesideLoad() {
  const [status, setStatus] = useState<PainStatusResponse["status"] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const q = new URLSearchParams({ asOf: localToday(), locale: browserLocale() });
    api<PainStatusResponse>("GET", `/api/pain/status?${q.toString()}`).then(
      (res) => setStatus(res.status),
      () => setFailed(true),
    );
  }, []);

  if (failed) return null;
  return (
    <div className="pain-beside-load">
      {status ? <TrafficLight status={status} /> : <p role="status">Loading the pain diary…</p>}
      <p>
        <Link to="/pain">Open the pain diary</Link> to log today&apos;s knee scores.
      </p>
    </div>
  );
}
