/** The one place kneewise turns metres, seconds and dates into words: see distance.ts and dates.ts. */
export * from "./distance.js";
export * from "./dates.js";
