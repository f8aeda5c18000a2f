/**
 * The locale the CLI writes dates in: the one the environment asks for (LC_ALL, LC_TIME, LANG,
 * as "en_GB.UTF-8"), else Intl's own default. "C" and "POSIX" ask for nothing in particular.
 */
export function cliLocale(env: Record<string, string | undefined>): string {
  for (const name of ["LC_ALL", "LC_TIME", "LANG"]) {
    const tag = localeTag(env[name]);
    if (tag !== null) return tag;
  }
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/** "en_GB.UTF-8" as "en-GB"; null for an empty, C or POSIX value, or one Intl does not know. */
function localeTag(value: string | undefined): string | null {
  const base = value?.split(/[.@]/)[0]?.replace("_", "-") ?? "";
  if (base === "" || base === "C" || base === "POSIX") return null;
  try {
    return Intl.getCanonicalLocales(base)[0] ?? null;
  } catch {
    // Not a language tag at all (a typo in LANG): fall back to the next variable, as libc does.
    return null;
  }
}
