import { useCallback, useEffect, useRef, useState } from "react";
import type { DragEvent } from "react";
import { Link } from "react-router";
import type { ImportJob, ImportJobList } from "../../../src/contracts/activities.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { formatBytes, formatDuration } from "./format.js";
import { ShoeOffers } from "../shoes/shoe-offers.js";
import { ImportHistory } from "./import-history.js";
import { isRetryable, POLL_MS, retryDelayMs } from "./poll-retry.js";
import { uploadFiles } from "./upload.js";

const ACCEPT = ".fit,.gpx,.tcx,.kml,.kmz,.xml,.gz,.zip,.csv";
const HISTORY_LIMIT = 10;

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  /** `retryInS`: the server stopped answering; the next try is in that many seconds. */
  | { kind: "importing"; job: ImportJob; retryInS: number | null }
  | { kind: "finished"; job: ImportJob }
  | { kind: "error"; message: string };

const isRunning = (job: ImportJob): boolean => job.status === "queued" || job.status === "running";

export function ImportPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const [history, setHistory] = useState<ImportJob[]>([]);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === "uploading" || phase.kind === "importing";

  useEffect(() => () => abort.current?.abort(), []);

  const loadHistory = useCallback(async (): Promise<ImportJob[]> => {
    const { imports } = await api<ImportJobList>("GET", `/api/imports?limit=${HISTORY_LIMIT}`);
    setHistory(imports);
    return imports;
  }, []);

  // Opened (or reloaded) while an upload is still being read: follow it again.
  useEffect(() => {
    let stopped = false;
    loadHistory()
      .then((imports) => {
        const running = imports.find(isRunning);
        if (!stopped && running !== undefined) setPhase((p) => (p.kind === "idle" ? { kind: "importing", job: running, retryInS: null } : p));
      })
      .catch(() => undefined); // the list is a courtesy; the form works without it
    return () => {
      stopped = true;
    };
  }, [loadHistory]);

  // While the server works, ask it how far it got. A server that stops answering (restarting,
  // or a proxy in front of it answering 502) is asked again, less and less often, until it is back.
  const jobId = phase.kind === "importing" ? phase.job.id : null;
  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const job = await api<ImportJob>("GET", `/api/imports/${jobId}`);
        if (stopped) return;
        failures = 0;
        if (isRunning(job)) {
          setPhase({ kind: "importing", job, retryInS: null });
          timer = setTimeout(() => void tick(), POLL_MS);
        } else {
          setPhase({ kind: "finished", job });
          void loadHistory().catch(() => undefined);
        }
      } catch (err) {
        if (stopped) return;
        if (isRetryable(err)) {
          failures++;
          const wait = retryDelayMs(failures);
          setPhase((p) => (p.kind === "importing" ? { ...p, retryInS: Math.round(wait / 1000) } : p));
          timer = setTimeout(() => void tick(), wait);
        } else {
          setPhase({ kind: "error", message: err instanceof ApiError ? err.message : "Lost touch with the server." });
        }
      }
    };
    timer = setTimeout(() => void tick(), POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, loadHistory]);

  const start = async () => {
    if (files.length === 0) return;
    abort.current = new AbortController();
    setPhase({ kind: "uploading", sent: 0, total: files.reduce((n, f) => n + f.size, 0) });
    try {
      const job = await uploadFiles(files, (sent, total) => setPhase({ kind: "uploading", sent, total }), abort.current.signal);
      setPhase({ kind: "importing", job, retryInS: null });
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof ApiError ? err.message : "The upload failed." });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    setFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <Page
      title="Import your history"
      intro={<p>Add activity files from a watch (.fit, .gpx, .tcx, also gzipped), or a whole Strava or Garmin Connect export zip. Nothing leaves this kneewise server, and files you have already imported are recognised and left out.</p>}
    >
      <div className="import-form stack">
        <div
          className={`drop-zone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor="import-files" className="field">
            <span>Choose files, or drop them here</span>
            <input id="import-files" type="file" multiple accept={ACCEPT} disabled={busy} onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
          </label>
          {files.length > 0 ? (
            <p aria-live="polite">
              {files.length === 1 ? files[0]!.name : `${files.length} files`} · {formatBytes(files.reduce((n, f) => n + f.size, 0))}
            </p>
          ) : null}
        </div>
        <button type="button" onClick={() => void start()} disabled={busy || files.length === 0}>
          Import
        </button>
      </div>
      <ImportStatus phase={phase} />
      <ImportHistory jobs={history} />
    </Page>
  );
}

function ImportStatus({ phase }: { phase: Phase }) {
  if (phase.kind === "idle") return null;
  if (phase.kind === "error") {
    return (
      <p className="error" role="alert">
        {phase.message}
      </p>
    );
  }
  if (phase.kind === "uploading") {
    const pct = phase.total > 0 ? Math.round((phase.sent / phase.total) * 100) : 0;
    return (
      <section className="import-status" aria-live="polite">
        <h2>Uploading</h2>
        <label htmlFor="upload-progress">
          {formatBytes(phase.sent)} of {formatBytes(phase.total)} sent ({pct}%)
        </label>
        <progress id="upload-progress" max={phase.total || 1} value={phase.sent} />
      </section>
    );
  }
  const { job } = phase;
  if (phase.kind === "importing") {
    return (
      <section className="import-status" aria-live="polite">
        <h2>Reading your files</h2>
        <label htmlFor="import-progress">
          {job.filesDone} of {job.filesTotal} files read
          {job.ratePerS !== null && job.ratePerS > 0 ? ` · ${job.ratePerS.toFixed(job.ratePerS >= 10 ? 0 : 1)} files a second` : ""}
          {job.etaS !== null ? ` · about ${formatDuration(job.etaS)} left` : ""}
        </label>
        <progress id="import-progress" max={job.filesTotal || 1} value={job.filesDone} />
        {phase.retryInS !== null ? (
          <p role="status">
            kneewise&apos;s server is not answering (it may be restarting). Asking again in {phase.retryInS} s: the import goes on meanwhile.
          </p>
        ) : null}
      </section>
    );
  }
  if (job.status !== "done" || job.summary === null) {
    return (
      <p className="error" role="alert">
        {job.error ?? "The import stopped."}
      </p>
    );
  }
  const s = job.summary;
  return (
    <section className="import-status" aria-live="polite">
      <h2>Import finished</h2>
      <ul className="import-counts">
        <li>
          <strong>{s.imported}</strong> new {s.imported === 1 ? "activity" : "activities"}
        </li>
        <li>
          <strong>{s.duplicates}</strong> already here, left out
        </li>
        <li>
          <strong>{s.skipped}</strong> {s.skipped === 1 ? "file" : "files"} without an activity (settings, routes)
        </li>
        <li>
          <strong>{s.failed.length}</strong> {s.failed.length === 1 ? "file" : "files"} could not be read
        </li>
      </ul>
      <p>
        You now have {s.activities} {s.activities === 1 ? "activity" : "activities"}. <Link to="/training/activities">See them all</Link>.
      </p>
      <ShoeOffers headingLevel={3} />
      {s.failed.length > 0 ? (
        <>
          <h3>Files that could not be read</h3>
          <ul className="import-failures">
            {s.failed.map((f) => (
              <li key={`${f.file}:${f.code}`}>
                <span className="file-name">{f.file}</span> <code>{f.code}</code>
                <br />
                {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.warnings.length > 0 ? (
        <>
          <h3>Imported, with a note</h3>
          <ul className="import-failures">
            {s.warnings.map((w, i) => (
              <li key={`${i}:${w.file}:${w.code}`}>
                <span className="file-name">{w.file}</span> <code>{w.code}</code>
                <br />
                {w.message}
              </li>
            ))}
          </ul>
          {s.moreWarnings > 0 ? <p>… and {s.moreWarnings} more.</p> : null}
        </>
      ) : null}
    </section>
  );
}
