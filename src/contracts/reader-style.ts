/**
 * The query parameters that choose how a response's sentences read (issue 17, issue 18): the
 * units their distances are written in, and the locale their days are written in. One schema
 * each, for every read that writes sentences (plans, the pain status, the training report).
 */
import { z } from "zod";

function knownLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    // Not a language tag (Intl throws a RangeError): the schema's message says what is expected.
    return false;
  }
}

/** A reader's language tag such as en-GB: the days in sentences are written in its style. */
export const localeParam = z.string().max(35).refine(knownLocale, "Give a language tag such as en-GB.");

/** ?units=km|mi: the units the sentences are written in (default: the profile's). */
export const unitsParam = z.enum(["km", "mi"], { error: "units is km or mi." });
