/**
 * The small part of the FIT global profile kneewise reads: message numbers, field numbers, scales
 * and enum names. Numbers are from the FIT SDK profile (Profile.xlsx); only what the importer
 * uses is listed, everything else is skipped by size without being decoded.
 */

/** Seconds between the Unix epoch and the FIT epoch, 1989-12-31T00:00:00Z. */
export const FIT_EPOCH_S = 631_065_600;
/** date_time values below this are seconds since device power-on, not since the FIT epoch. */
export const FIT_MIN_ABSOLUTE_TIME = 0x10000000;

export const MESG_FILE_ID = 0;
export const MESG_SPORT = 12;
export const MESG_SESSION = 18;
export const MESG_LAP = 19;
export const MESG_RECORD = 20;
export const MESG_DEVICE_INFO = 23;
export const MESG_ACTIVITY = 34;

export const FIELD_TIMESTAMP = 253;

/** file_id.type value for activity files. */
export const FILE_TYPE_ACTIVITY = 4;

/** Field numbers read from each message (other than timestamp, read for every message). */
export const FILE_ID = { type: 0, manufacturer: 1, product: 2, productName: 8 } as const;
export const SPORT_MSG = { sport: 0, subSport: 1 } as const;
export const DEVICE_INFO = {
  deviceIndex: 0,
  manufacturer: 2,
  product: 4,
  productName: 27,
} as const;
export const ACTIVITY = { localTimestamp: 5 } as const;
export const SESSION = {
  startTime: 2,
  sport: 5,
  subSport: 6,
  totalElapsedTime: 7, // ms (scale 1000)
  totalTimerTime: 8, // ms
  totalDistance: 9, // cm (scale 100)
  avgHeartRate: 16,
  maxHeartRate: 17,
  avgCadence: 18, // rpm, or strides/min for running
  totalAscent: 22, // m
  totalDescent: 23, // m
  avgFractionalCadence: 92, // 1/128 rpm
} as const;
export const LAP = {
  startTime: 2,
  totalElapsedTime: 7,
  totalTimerTime: 8,
  totalDistance: 9,
} as const;

/** Record fields, with the scale and offset of the profile: value = raw / scale - offset. */
export const RECORD = {
  positionLat: 0,
  positionLong: 1,
  altitude: 2, // scale 5, offset 500
  heartRate: 3,
  cadence: 4,
  distance: 5, // scale 100
  speed: 6, // scale 1000
  compressedSpeedDistance: 8, // 3 bytes: speed 12 bits scale 100, distance 12 bits scale 16, accumulated
  fractionalCadence: 53, // scale 128
  enhancedSpeed: 73, // scale 1000
  enhancedAltitude: 78, // scale 5, offset 500
} as const;

export const SPORT_TRANSITION = 3;

/** FIT `sport` enum names (the ones sportFromName understands, and a few more for "other"). */
export const SPORT_NAMES: Readonly<Record<number, string>> = {
  0: "generic",
  1: "running",
  2: "cycling",
  3: "transition",
  4: "fitness_equipment",
  5: "swimming",
  6: "basketball",
  7: "soccer",
  8: "tennis",
  9: "american_football",
  10: "training",
  11: "walking",
  12: "cross_country_skiing",
  13: "alpine_skiing",
  14: "snowboarding",
  15: "rowing",
  16: "mountaineering",
  17: "hiking",
  18: "multisport",
  19: "paddling",
  21: "e_biking",
  30: "inline_skating",
  31: "rock_climbing",
  35: "snowshoeing",
  37: "stand_up_paddleboarding",
  41: "kayaking",
  53: "diving",
  62: "hiit",
};

/** FIT `sub_sport` enum names. */
export const SUB_SPORT_NAMES: Readonly<Record<number, string>> = {
  0: "generic",
  1: "treadmill",
  2: "street",
  3: "trail",
  4: "track",
  5: "spin",
  6: "indoor_cycling",
  7: "road",
  8: "mountain",
  9: "downhill",
  10: "recumbent",
  11: "cyclocross",
  12: "hand_cycling",
  13: "track_cycling",
  14: "indoor_rowing",
  15: "elliptical",
  16: "stair_climbing",
  17: "lap_swimming",
  18: "open_water",
  19: "flexibility_training",
  20: "strength_training",
  21: "warm_up",
  22: "match",
  23: "exercise",
  24: "challenge",
  25: "indoor_skiing",
  26: "cardio_training",
  27: "indoor_walking",
  28: "e_bike_fitness",
  29: "bmx",
  30: "casual_walking",
  31: "speed_walking",
  43: "yoga",
  44: "pilates",
  45: "indoor_running",
  46: "gravel_cycling",
  47: "e_bike_mountain",
  48: "commuting",
  49: "mixed_surface",
  54: "multi_gas_diving",
  58: "virtual_activity",
  59: "obstacle",
  68: "indoor_climbing",
};

/** Sub-sports recorded indoors, whatever the GPS says (a virtual ride carries a virtual track). */
export const INDOOR_SUB_SPORTS: ReadonlySet<number> = new Set([
  1, 5, 6, 14, 15, 16, 25, 27, 45, 58, 68,
]);
