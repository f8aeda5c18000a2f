/**
 * Date formatters, reused per locale with a hard cap on how many are kept.
 *
 * Building an Intl.DateTimeFormat is slow, so one is kept per locale and style. The locale comes
 * from the reader (`?locale=` on the API), and any well-formed language tag is accepted, so keying
 * by the raw tag let a client loop `?locale=en-x-<random>` and grow the server's memory without
 * bound, and kept `en-GB` and `en-gb` apart. Tags are therefore keyed by the locale Intl resolves
 * them to (`en-x-abc` → `en`, `en-gb` → `en-GB`), and every map here is capped, dropping the
 * least recently used entry.
 */

/** How many entries each map keeps at most. */
export const LOCALE_CACHE_CAP = 64;

/** A Map that keeps at most `cap` entries, forgetting the least recently used. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly cap: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: moving a hit to the end makes the first key the stalest.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.cap) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The tag as given → the locale Intl resolves it to; `""` stands for the environment's default. */
const resolved = new BoundedMap<string>(LOCALE_CACHE_CAP);
/** Resolved locale and style → its formatter. */
const formatters = new BoundedMap<Intl.DateTimeFormat>(LOCALE_CACHE_CAP);

/**
 * The locale Intl formats `locale` in: canonical case, private-use and unsupported parts dropped.
 * A tag Intl refuses throws its RangeError, as `new Intl.DateTimeFormat` always has.
 */
function resolveLocale(locale: string | undefined): string {
  const tag = locale ?? "";
  let out = resolved.get(tag);
  if (out === undefined) {
    out = new Intl.DateTimeFormat(locale).resolvedOptions().locale;
    resolved.set(tag, out);
  }
  return out;
}

/**
 * A formatter for `locale` with `options`, shared by every tag that resolves to the same locale.
 * `styleKey` names the options (the caller builds it from the same values).
 */
export function cachedDateFormat(locale: string | undefined, styleKey: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const resolvedLocale = resolveLocale(locale);
  const key = `${resolvedLocale}|${styleKey}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(resolvedLocale, options);
    formatters.set(key, f);
  }
  return f;
}

/** How many entries the caches hold: for tests that check the cap holds. */
export function localeCacheSize(): { formatters: number; resolvedTags: number } {
  return { formatters: formatters.size, resolvedTags: resolved.size };
}
