import { useEffect, useRef, useState } from "react";
import type { DragEvent } from "react";
import { Link } from "react-router";
import type { ImportJob } from "../../../src/contracts/activities.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { formatBytes, formatDuration } from "./format.js";
import { uploadFiles } from "./upload.js";

const ACCEPT = ".fit,.gpx,.tcx,.gz,.zip,.csv";
const POLL_MS = 1000;

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "importing"; job: ImportJob }
  | { kind: "finished"; job: ImportJob }
  | { kind: "error"; message: string };

export function ImportPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === "uploading" || phase.kind === "importing";

  useEffect(() => () => abort.current?.abort(), []);

  // While the server works, ask it how far it got.
  const jobId = phase.kind === "importing" ? phase.job.id : null;
  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    const tick = async () => {
      try {
        const job = await api<ImportJob>("GET", `/api/imports/${jobId}`);
        if (stopped) return;
        if (job.status === "done" || job.status === "failed") setPhase({ kind: "finished", job });
        else {
          setPhase({ kind: "importing", job });
          setTimeout(() => void tick(), POLL_MS);
        }
      } catch (err) {
        if (!stopped) setPhase({ kind: "error", message: err instanceof ApiError ? err.message : "Lost touch with the server." });
      }
    };
    const first = setTimeout(() => void tick(), POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(first);
    };
  }, [jobId]);

  const start = async () => {
    if (files.length === 0) return;
    abort.current = new AbortController();
    setPhase({ kind: "uploading", sent: 0, total: files.reduce((n, f) => n + f.size, 0) });
    try {
      const job = await uploadFiles(files, (sent, total) => setPhase({ kind: "uploading", sent, total }), abort.current.signal);
      setPhase({ kind: "importing", job });
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
      </section>
    );
  }
  if (job.status === "failed" || job.summary === null) {
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
    </section>
  );
}
