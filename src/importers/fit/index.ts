export { parseFit } from "./parse-fit.js";
export type { ParseFitOptions } from "./parse-fit.js";
export { decodeFit } from "./decode-fit.js";
export type { FitDecoded, FitLap, FitPart, FitSession } from "./decode-fit.js";
