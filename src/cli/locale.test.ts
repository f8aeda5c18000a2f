import { describe, expect, it } from "vitest";
import { formatDate } from "../core/format/index.js";
import { cliLocale } from "./locale.js";

describe("the CLI's locale", () => {
  it("takes the environment's language, LC_ALL before LC_TIME before LANG", () => {
    expect(cliLocale({ LANG: "en_GB.UTF-8" })).toBe("en-GB");
    expect(cliLocale({ LANG: "en_GB.UTF-8", LC_TIME: "de_DE.UTF-8" })).toBe("de-DE");
    expect(cliLocale({ LANG: "en_GB.UTF-8", LC_TIME: "de_DE", LC_ALL: "fr_FR@euro" })).toBe("fr-FR");
    expect(formatDate("2026-12-07", cliLocale({ LANG: "de_DE.UTF-8" }))).toBe("7. Dez. 2026");
  });

  it("falls back to Intl's own default for C, POSIX, nothing, or a value that is no language", () => {
    const fallback = new Intl.DateTimeFormat().resolvedOptions().locale;
    expect(cliLocale({})).toBe(fallback);
    expect(cliLocale({ LANG: "C.UTF-8" })).toBe(fallback);
    expect(cliLocale({ LC_ALL: "POSIX", LANG: "" })).toBe(fallback);
    expect(cliLocale({ LANG: "not a locale!" })).toBe(fallback);
  });
});
