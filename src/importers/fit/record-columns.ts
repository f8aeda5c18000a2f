/**
 * Record samples stored column-wise in typed arrays: one growable array per channel instead of one
 * object per second of activity, so decoding a 1 Hz file allocates a handful of buffers, not
 * 100,000 objects. Missing values are NaN (position: 0, which FIT never uses for a real fix
 * together with longitude 0).
 */
export class RecordColumns {
  length = 0;
  /** Raw FIT date_time seconds (absolute since the FIT epoch, or relative to power-on). */
  ts: Uint32Array;
  /** Cumulative distance, metres (float64: centimetres over hundreds of kilometres). */
  dist: Float64Array;
  /** Speed, m/s. */
  speed: Float32Array;
  /** Altitude, metres (enhanced_altitude when present). */
  alt: Float32Array;
  hr: Float32Array;
  /** Cadence as recorded (rpm or strides/min), with its fractional part. */
  cad: Float32Array;
  /** Position in semicircles; 0 and 0 when absent. */
  lat: Int32Array;
  lon: Int32Array;

  constructor(capacity: number) {
    const c = Math.max(16, capacity | 0);
    this.ts = new Uint32Array(c);
    this.dist = new Float64Array(c);
    this.speed = new Float32Array(c);
    this.alt = new Float32Array(c);
    this.hr = new Float32Array(c);
    this.cad = new Float32Array(c);
    this.lat = new Int32Array(c);
    this.lon = new Int32Array(c);
  }

  /** Makes room for one more row. */
  reserve(): void {
    this.reserveRows(1);
  }

  /** Makes room for `more` rows after the `length` held. */
  reserveRows(more: number): void {
    if (this.length + more <= this.ts.length) return;
    // Doubling as one row at a time would, so the columns come out the same either way.
    let c = this.ts.length * 2;
    while (c < this.length + more) c *= 2;
    this.ts = grow(this.ts, new Uint32Array(c));
    this.dist = grow(this.dist, new Float64Array(c));
    this.speed = grow(this.speed, new Float32Array(c));
    this.alt = grow(this.alt, new Float32Array(c));
    this.hr = grow(this.hr, new Float32Array(c));
    this.cad = grow(this.cad, new Float32Array(c));
    this.lat = grow(this.lat, new Int32Array(c));
    this.lon = grow(this.lon, new Int32Array(c));
  }
}

function grow<T extends Uint32Array | Int32Array | Float32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
