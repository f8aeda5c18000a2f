export { parseGpx, parseGpxText } from "./parse-gpx.js";
export type { GpxParseOptions } from "./parse-gpx.js";
export { readGpx } from "./read-gpx.js";
export { readGpxBytes } from "./read-gpx-bytes.js";
export type { GpxDocument } from "./read-gpx.js";
export { summarizeTrack, emptyTrack, addSample, addSamples, trimTrack, cadenceFactor } from "./track-summary.js";
export type { SampleColumns, TrackSamples, TrackSummary } from "./track-summary.js";
