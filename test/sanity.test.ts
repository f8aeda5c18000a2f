import { describe, expect, it } from "vitest";
import { DomainError } from "../src/core/errors.js";

describe("DomainError", () => {
  it("keeps its stable code", () => {
    const err = new DomainError("SHOE_NOT_FOUND", "No such shoe");
    expect(err.code).toBe("SHOE_NOT_FOUND");
  });
});
