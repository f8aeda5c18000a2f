import { DomainError } from "../../core/errors.js";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../contracts/account.js";

/*
 * Password rules, kept humane (NIST SP 800-63B, section 5.1.1.2): a minimum length, no
 * composition rules ("one digit, one symbol"), but no password that is guessed first: the most
 * common ones, a common word with digits stuck on, a few characters repeated, or the email
 * address itself. Long passphrases of ordinary words are welcome.
 */

/** The most used passwords of ten characters or more (shorter ones fail the length rule anyway). */
const COMMON = new Set([
  "1234567890", "0987654321", "1234567891", "12345678910", "123456789a", "a123456789", "123456789q",
  "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qazxsw23edc", "zaq12wsxcde3", "q1w2e3r4t5", "q1w2e3r4t5y6",
  "qwertyuiop", "qwertyuiop1", "qwerty1234", "qwerty12345", "qwerty123456", "qwertyui12", "asdfghjkl1",
  "asdfghjkl;", "asdfghjkl12", "zxcvbnm123", "zxcvbnm1234", "abcdefghij", "abcdefghijk", "abc1234567",
  "abcd123456", "abcd12345678", "abcdef123456", "aa12345678", "abc123abc123", "1234qwer1234", "1234abcd1234",
  "11223344556", "1122334455", "0123456789", "9876543210", "1478963250", "7894561230",
  "iloveyou12", "iloveyou123", "iloveyou1234", "password10", "password11", "password12", "password123",
  "password1234", "password12345", "passw0rd123", "p@ssw0rd123", "p@ssword123", "p4ssword123", "welcome123",
  "welcome1234", "letmein123", "letmein1234", "sunshine12", "sunshine123", "princess12", "princess123",
  "football12", "football123", "baseball12", "baseball123", "basketball", "basketball1", "superman123",
  "starwars123", "trustno1234", "administrator", "changeme123", "whatever123", "monkey12345", "dragon12345",
  "michael123", "jennifer12", "jordan2323", "charlie123", "computer12", "computer123", "internet12",
  "chocolate1", "chocolate12", "butterfly1", "butterfly12", "liverpool1", "liverpool12", "manchester",
  "manchester1", "blink182182", "myspace123", "samsung123", "google1234", "facebook123", "kneewise123",
  "kneewise1234", "running123", "running1234", "runner1234", "marathon123", "marathon2024", "marathon2025",
]);

/** Words that stay common with digits or symbols stuck on the end ("Password2024!"). */
const COMMON_STEMS = new Set([
  "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm",
  "iloveyou", "letmein", "welcome", "admin", "administrator", "changeme", "kneewise", "running", "runner",
  "marathon", "football", "baseball", "monkey", "dragon", "sunshine", "princess", "abc", "abcdef", "qwer",
]);

/** How many different characters a password needs at least: "aaaaaaaaaa" and "1212121212" are not secrets. */
const MIN_DISTINCT = 4;

function fail(code: string, message: string, field: string): never {
  throw new DomainError(code, message, { fields: [{ path: field, message }] });
}

/**
 * Throws a DomainError with a specific code (and the form field it is about) when the password
 * breaks a rule. `email` is the account's address, when known.
 */
export function checkPasswordRules(password: string, opts: { email?: string; field?: string } = {}): void {
  const field = opts.field ?? "password";
  if (password.length < PASSWORD_MIN)
    fail("PASSWORD_TOO_SHORT", `The password must be at least ${PASSWORD_MIN} characters long.`, field);
  if (password.length > PASSWORD_MAX)
    fail("PASSWORD_TOO_LONG", `The password must be at most ${PASSWORD_MAX} characters long.`, field);
  if (new Set(password).size < MIN_DISTINCT)
    fail("PASSWORD_TOO_SIMPLE", `The password repeats too few characters: use at least ${MIN_DISTINCT} different ones.`, field);
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  if (COMMON.has(lower) || COMMON_STEMS.has(stem) || COMMON_STEMS.has(lower))
    fail("PASSWORD_TOO_COMMON", "This password is one of the most common ones, which are guessed first: choose words of your own.", field);
  if (opts.email !== undefined) {
    const email = opts.email.trim().toLowerCase();
    const local = email.split("@")[0] ?? "";
    if (lower.trim() === email || (local.length > 0 && lower.trim() === local))
      fail("PASSWORD_IS_EMAIL", "The password must not be your email address.", field);
  }
}
