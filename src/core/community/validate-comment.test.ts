import { describe, expect, it } from "vitest";
import {
  COMMENT_MAX_LENGTH,
  validateCommentBody,
  validateReportReason,
} from "./validate-comment.js";
import { DomainError } from "../errors.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof DomainError ? err.code : "not a DomainError";
  }
}

describe("comment body validation", () => {
  it("trims and keeps line breaks and tabs, turning CRLF into LF", () => {
    expect(validateCommentBody("  hello\r\n\tworld  ")).toBe("hello\n\tworld");
  });

  it("refuses an empty or blank comment", () => {
    expect(codeOf(() => validateCommentBody(""))).toBe("COMMENT_EMPTY");
    expect(codeOf(() => validateCommentBody(" \n\t "))).toBe("COMMENT_EMPTY");
  });

  it("counts characters as people do (an emoji is one) and refuses more than 5,000", () => {
    expect(validateCommentBody("🏃".repeat(COMMENT_MAX_LENGTH))).toHaveLength(
      COMMENT_MAX_LENGTH * 2,
    );
    expect(codeOf(() => validateCommentBody("a".repeat(COMMENT_MAX_LENGTH + 1)))).toBe(
      "COMMENT_TOO_LONG",
    );
    // Trimming comes first: padding does not count.
    expect(validateCommentBody(` ${"a".repeat(COMMENT_MAX_LENGTH)} `)).toHaveLength(
      COMMENT_MAX_LENGTH,
    );
  });

  it("refuses control characters other than newline and tab", () => {
    for (const c of [
      "\u0000",
      "\u0007",
      "\u0008",
      "\u000b",
      "\u000c",
      "\u001b",
      "\u007f",
      "\u0085",
      "\u009b",
    ]) {
      expect(
        codeOf(() => validateCommentBody(`before${c}after`)),
        JSON.stringify(c),
      ).toBe("COMMENT_CONTROL_CHARS");
    }
  });

  it("applies the same rules to report reasons", () => {
    expect(codeOf(() => validateReportReason(" "))).toBe("REPORT_REASON_EMPTY");
    expect(codeOf(() => validateReportReason("x".repeat(501)))).toBe("REPORT_REASON_TOO_LONG");
    expect(codeOf(() => validateReportReason("spam\u0000"))).toBe("REPORT_REASON_CONTROL_CHARS");
    expect(validateReportReason(" spam ")).toBe("spam");
  });
});
