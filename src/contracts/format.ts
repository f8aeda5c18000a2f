/**
 * The one formatting module, for the web: distances, paces, speeds, climbing and dates in the
 * runner's units and the reader's locale. The CLI imports the same functions from src/core/format.
 */
export * from "../core/format/index.js";
