import fs from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when any),
 * alone on the last line. Vitest's own summary uses another form.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let counted = 0;
      for (const test of mod.children.allTests()) {
        counted += 1;
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
      // A file that failed to load has no tests but must not pass silently.
      if (counted === 0 && mod.state() === "failed") failed += 1;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : "";
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
    // .ci/run adds the unit and browser counts into one closing line.
    const file = process.env.KNEEWISE_SUMMARY_FILE;
    if (file) fs.appendFileSync(file, `${passed} ${failed} ${skipped}\n`);
  }
}
