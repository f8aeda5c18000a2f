/**
 * The parse worker thread. The first message is the set of file hashes already imported; every
 * later one is a ParseTask, answered with its ParseOutcome.
 */
import { parentPort } from "node:worker_threads";
import { runParseTask } from "./parse-task.js";
import type { ParseTask } from "./parse-task.js";

const port = parentPort;
if (port === null) throw new Error("parse-worker runs only as a worker thread.");
let known: ReadonlySet<string> = new Set();
port.on("message", (msg: { known: string[] } | ParseTask) => {
  if ("known" in msg) known = new Set(msg.known);
  else port.postMessage(runParseTask(msg, known));
});
port.postMessage({ ready: true });
