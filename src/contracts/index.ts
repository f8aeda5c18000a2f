export * from "./auth.js";
export * from "./health.js";
export * from "./errors.js";
export * from "./search.js";
