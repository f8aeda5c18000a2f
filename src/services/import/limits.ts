/**
 * Limits that keep a hostile or broken archive from exhausting memory or disk. Every one can be
 * raised for an unusual but honest export; the defaults fit ten years of a keen runner's history
 * with a wide margin.
 */
export interface ImportLimits {
  /** The most one file may hold once unpacked: it is parsed whole, so this bounds memory. */
  maxFileBytes: number;
  /** The most all the entries read from one archive (nested ones included) may unpack to. */
  maxTotalBytes: number;
  /**
   * The highest unpacked/packed size ratio accepted for one entry larger than `ratioFloorBytes`.
   * Real activity files compress 5–30×; deflate cannot exceed about 1032×, which bombs approach.
   */
  maxRatio: number;
  /** Below this unpacked size the ratio is not checked: a tiny file cannot hurt. */
  ratioFloorBytes: number;
  /** Zips inside zips inside zips: a Garmin export needs 2. */
  maxNesting: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxNesting: 4,
};

export function withLimits(over: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_LIMITS, ...over };
}
