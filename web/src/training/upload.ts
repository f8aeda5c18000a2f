import type { ErrorResponse } from "../../../src/contracts/errors.js";
import type { ImportJob } from "../../../src/contracts/activities.js";
import { ApiError } from "../api.js";

/**
 * Sends the chosen files as one multipart upload (the server streams it to disk) and reports the
 * bytes sent. XMLHttpRequest rather than fetch: only it reports upload progress in browsers today.
 */
export function uploadFiles(files: readonly File[], onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<ImportJob> {
  const form = new FormData();
  for (const f of files) form.append("files", f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports");
    xhr.withCredentials = true;
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 202) return resolve(xhr.response as ImportJob);
      const err = (xhr.response as ErrorResponse | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? `The server answered ${xhr.status}.`));
    };
    xhr.onerror = () => reject(new ApiError(0, "OFFLINE", "The upload could not reach kneewise's server. Is it still running?"));
    xhr.onabort = () => reject(new ApiError(0, "ABORTED", "The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
