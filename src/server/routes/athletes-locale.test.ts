import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import type { PainStatusResponse } from "../../contracts/pain.js";
import type { ReportResponse } from "../../contracts/training.js";
import { addRun } from "./plans.test-helpers.js";
import { cast, share } from "./sharing.test-helpers.js";
import type { Client } from "./sharing.test-helpers.js";

for (const dialect of DIALECTS) {
  describe(`a coach reads an athlete's days in the coach's own locale on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let cole: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => new Date("2024-03-31T12:00:00.000Z");
      ({ ada, cole } = await cast(t.server));
      await share(ada, cole, "cole@example.org");
    });
    afterAll(() => t.close());

    it("writes the pain status's days as ?locale= asks, and as YYYY-MM-DD without it", async () => {
      expect((await ada.put("/api/pain/2024-03-21", { during: 6, after: 4, nextMorning: 2 })).statusCode).toBe(201);
      const reason = async (query: string) =>
        (await cole.get(`/api/athletes/${ada.id}/pain/status?asOf=2024-03-22${query}`)).json<PainStatusResponse>().status.reasons[0]?.text;
      expect(await reason("&locale=en-GB")).toContain("on 21 Mar 2024.");
      expect(await reason("&locale=en-US")).toContain("on Mar 21, 2024.");
      expect(await reason("")).toContain("on 2024-03-21.");
      expect((await cole.get(`/api/athletes/${ada.id}/pain/status?locale=not%20a%20tag`)).statusCode).toBe(400);
    });

    it("writes the training report's warnings as ?locale= asks", async () => {
      await addRun(t, ada.id, "2024-03-20", 5_000);
      await addRun(t, ada.id, "2024-03-25", 8_000);
      const spike = async (query: string) =>
        (await cole.get(`/api/athletes/${ada.id}/report?asOf=2024-03-27${query}`)).json<ReportResponse>().report.warnings.find((w) => w.code === "RUN_SPIKE")?.message;
      expect(await spike("&locale=en-GB")).toMatch(/^On 25 Mar 2024 you ran/);
      expect(await spike("")).toMatch(/^On 2024-03-25 you ran/);
    });

    it("writes the training report's distances in the coach's own units when asked", async () => {
      const spike = async (query: string) =>
        (await cole.get(`/api/athletes/${ada.id}/report?asOf=2024-03-27${query}`)).json<ReportResponse>().report.warnings.find((w) => w.code === "RUN_SPIKE")?.message ?? "";
      expect(await spike("&units=km")).toMatch(/\d km\b/);
      const miles = await spike("&units=mi");
      expect(miles).toMatch(/\d mi\b/);
      expect(miles).not.toMatch(/\bkm\b/);
    });
  });
}
