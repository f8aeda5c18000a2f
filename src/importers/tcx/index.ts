export { parseTcx, parseTcxText } from "./parse-tcx.js";
export type { TcxParseOptions } from "./parse-tcx.js";
export { readTcx } from "./read-tcx.js";
export { readTcxBytes } from "./read-tcx-bytes.js";
export type { TcxActivity, TcxDocument, TcxLap } from "./read-tcx.js";
