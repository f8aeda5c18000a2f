export { downsampleStream } from "./stream.js";
export { elevationGainLoss } from "./elevation.js";
export { EARTH_RADIUS_M, RAD, haversineM, isValidLatLon, roundDegrees } from "./geo.js";
export { sportFromName } from "./sport.js";
