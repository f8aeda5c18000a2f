import type { FailedFile, ImportProgress } from "./run-import.js";

function clock(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}` : `${m}:${String(sec).padStart(2, "0")}`;
}

/** One terminal line: a bar, files done of total, rate and time left. */
export function formatProgressLine(p: ImportProgress, width = 24): string {
  const frac = p.filesTotal > 0 ? Math.min(1, p.filesDone / p.filesTotal) : 0;
  const full = Math.round(frac * width);
  const bar = "#".repeat(full) + "-".repeat(width - full);
  const rate = p.ratePerS >= 10 ? p.ratePerS.toFixed(0) : p.ratePerS.toFixed(1);
  const eta = p.etaS === null ? "--:--" : clock(p.etaS);
  return `[${bar}] ${p.filesDone}/${p.filesTotal} files · ${rate} files/s · ${eta} left`;
}

/** A file's failure or warning as listed under a summary (`kneewise import`, `kneewise watch`). */
export function formatFileProblem(f: FailedFile): string {
  return `  ${f.file}: ${f.code}: ${f.message}`;
}
