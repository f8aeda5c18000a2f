import { DomainError } from "../errors.js";

export const COMMENT_MAX_LENGTH = 5000;
export const REPORT_REASON_MAX_LENGTH = 500;

/**
 * C0 and C1 control characters other than tab and newline. They have no business in a comment:
 * NUL truncates text in some tools, ESC drives terminals that print logs, and BEL, backspace
 * and the C1 set hide or rewrite what a moderator reads.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/** Length in Unicode code points, so an emoji counts as one character, as people count. */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Windows and old-Mac line endings become "\n" first, so a pasted CRLF is not a control character. */
function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The stored form of a comment body, or a DomainError naming what is wrong:
 * COMMENT_EMPTY, COMMENT_TOO_LONG (over 5,000 characters after trimming) or COMMENT_CONTROL_CHARS.
 */
export function validateCommentBody(raw: string): string {
  const body = normaliseNewlines(raw).trim();
  if (body === "") throw new DomainError("COMMENT_EMPTY", "Write something before posting.");
  const n = length(body);
  if (n > COMMENT_MAX_LENGTH)
    throw new DomainError(
      "COMMENT_TOO_LONG",
      `A comment can be at most ${COMMENT_MAX_LENGTH.toLocaleString("en")} characters; this one has ${n.toLocaleString("en")}.`,
    );
  if (CONTROL.test(body))
    throw new DomainError(
      "COMMENT_CONTROL_CHARS",
      "The comment contains invisible control characters (only line breaks and tabs are allowed). Remove them and try again.",
    );
  return body;
}

/** A report's reason: 1 to 500 characters of text, same rules as a comment. */
export function validateReportReason(raw: string): string {
  const reason = normaliseNewlines(raw).trim();
  if (reason === "")
    throw new DomainError("REPORT_REASON_EMPTY", "Say briefly what is wrong with this comment.");
  if (length(reason) > REPORT_REASON_MAX_LENGTH)
    throw new DomainError(
      "REPORT_REASON_TOO_LONG",
      `Keep the reason under ${REPORT_REASON_MAX_LENGTH} characters.`,
    );
  if (CONTROL.test(reason))
    throw new DomainError(
      "REPORT_REASON_CONTROL_CHARS",
      "The reason contains invisible control characters. Remove them and try again.",
    );
  return reason;
}
