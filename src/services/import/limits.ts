/**
 * Limits that keep a hostile or broken archive from exhausting memory or disk. Every one can be
 * raised for an unusual but honest export; the defaults fit ten years of a keen runner's history
 * with a wide margin.
 */
export interface ImportLimits {
  /**
   * The most one file may hold once unpacked: it is parsed whole, and a GPX or TCX costs about
   * three times its size while parsed, so this bounds a parse worker's memory (three 31 MiB GPX
   * files in one import peaked at 321 MB built, 405 MB through tsx; three of 47 MiB at 394 MB
   * built). Real files are far smaller: the largest in the test corpus (../shared/corpus) are a
   * 2.4 MB FIT, a 0.9 MB TCX and a 0.3 MB GPX; a day of one-second points is about 4 MB of FIT,
   * 21 MB of GPX and 32 MB of TCX with heart rate and cadence (370 bytes a point). An entry that
   * declares more is refused unread; one that unpacks past what it declared stops there.
   */
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
  /**
   * The highest ratio of what an archive's files declare they unpack to, all together, to the
   * archive's own size. Whole exports are far below it (a Strava export holds gzipped files,
   * about 1×; a zip of plain GPX files, 5–30×); many small entries, each under the ratio floor,
   * are not, nor are entries that share their data.
   */
  maxArchiveRatio: number;
  /** Below this declared total the archive's ratio is not checked. */
  archiveRatioFloorBytes: number;
  /** Zips inside zips inside zips: a Garmin export needs 2. */
  maxNesting: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxArchiveRatio: 100,
  archiveRatioFloorBytes: 64 * 1024 * 1024,
  maxNesting: 4,
};

export function withLimits(over: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_LIMITS, ...over };
}
