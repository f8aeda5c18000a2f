/**
 * A job another instance took over runs the import again; the files its first attempt finished
 * are recognised, and count as this job's imports, not as duplicates (issue 19, item 6).
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { importFixture, runFit, syntheticRun } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";

for (const dialect of DIALECTS) {
  describe(`a retried import job on ${dialect}`, () => {
    let fx: ImportFixture;
    let files: string[];
    beforeEach(async () => {
      fx = await importFixture(dialect);
      files = [];
      for (let i = 0; i < 6; i++) {
        const file = path.join(fx.workDir, `run-${i}.fit`);
        fs.writeFileSync(file, runFit(syntheticRun(i, 600)));
        files.push(file);
      }
    });
    afterEach(() => fx.close());

    const run = (paths: string[], jobId?: string) =>
      importPaths(fx.app, fx.userId, paths.map((p) => ({ path: p })), { dataDir: fx.dataDir, workers: 0, batchFiles: 1, ...(jobId === undefined ? {} : { jobId }) });

    it("reports its totals across both attempts", async () => {
      // The first attempt finished four files before its instance died.
      await run(files.slice(0, 4), "job-1");
      const second = await run(files, "job-1");
      expect(second).toMatchObject({ files: 6, imported: 6, duplicates: 0, failed: [], activities: 6 });
    });

    it("still calls files another job imported duplicates", async () => {
      await run(files.slice(0, 4), "job-1");
      expect(await run(files, "job-2")).toMatchObject({ imported: 2, duplicates: 4, activities: 6 });
      expect(await run(files)).toMatchObject({ imported: 0, duplicates: 6, activities: 6 });
    });
  });
}
