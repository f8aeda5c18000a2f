export { downsampleStream } from "./stream.js";
export { elevationGainLoss } from "./elevation.js";
export { haversineM, isValidLatLon } from "./geo.js";
export { sportFromName } from "./sport.js";
