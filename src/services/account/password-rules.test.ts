import { describe, expect, it } from "vitest";
import { isDomainError } from "../../core/errors.js";
import { checkPasswordRules } from "./password-rules.js";

function codeOf(password: string, email?: string): string | null {
  try {
    checkPasswordRules(password, email === undefined ? {} : { email });
    return null;
  } catch (err) {
    if (isDomainError(err)) return err.code;
    throw err;
  }
}

describe("password rules", () => {
  it("accept ordinary passphrases and long random strings", () => {
    for (const ok of ["gravel hills at dawn", "correct horse battery", "Zq8#vL2!mP4x", "müde Beine, leichter Lauf"]) expect(codeOf(ok, "ada@example.org"), ok).toBeNull();
  });

  it("name the rule a password breaks", () => {
    expect(codeOf("short1")).toBe("PASSWORD_TOO_SHORT");
    expect(codeOf("x".repeat(257))).toBe("PASSWORD_TOO_LONG");
    expect(codeOf("aaaaaaaaaaaa")).toBe("PASSWORD_TOO_SIMPLE");
    expect(codeOf("abcabcabcabc")).toBe("PASSWORD_TOO_SIMPLE");
    expect(codeOf("1234567890")).toBe("PASSWORD_TOO_COMMON");
    expect(codeOf("QWERTYUIOP")).toBe("PASSWORD_TOO_COMMON");
    expect(codeOf("Password2024!")).toBe("PASSWORD_TOO_COMMON");
    expect(codeOf("kneewise_123456")).toBe("PASSWORD_TOO_COMMON");
    expect(codeOf("Ada.Lovelace@Example.org", "ada.lovelace@example.org")).toBe("PASSWORD_IS_EMAIL");
    expect(codeOf("ada.lovelace", "ada.lovelace@example.org")).toBe("PASSWORD_IS_EMAIL");
  });
});
