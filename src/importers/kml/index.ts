export { parseKml, parseKmlText } from "./parse-kml.js";
export type { KmlParseOptions } from "./parse-kml.js";
