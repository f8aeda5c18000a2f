/**
 * The parse worker thread. The first message is the set of file hashes already imported; every
 * later one is a ParseTask, answered with its ParseOutcome. The kept original goes back without a
 * copy.
 */
import { parentPort } from "node:worker_threads";
import { runParseTask } from "./parse-task.js";
import type { ParseTask } from "./parse-task.js";

const port = parentPort;
if (port === null) throw new Error("parse-worker runs only as a worker thread.");
let known: ReadonlySet<string> = new Set();
port.on("message", (msg: { known: string[] } | ParseTask) => {
  if ("known" in msg) {
    known = new Set(msg.known);
    return;
  }
  const outcome = runParseTask(msg, known);
  let original = outcome.original;
  // Only a buffer the original fills alone may move; a view into a shared one is copied first.
  if (original !== null && (original.byteOffset !== 0 || original.byteLength !== original.buffer.byteLength)) {
    original = new Uint8Array(original);
  }
  const transfer = original !== null && original.buffer instanceof ArrayBuffer ? [original.buffer] : [];
  port.postMessage({ ...outcome, original }, transfer);
});
port.postMessage({ ready: true });
