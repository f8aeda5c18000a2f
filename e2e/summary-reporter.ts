import fs from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Prints "N passed, N failed" like the unit suite, and adds the counts to $KNEEWISE_SUMMARY_FILE. */
export class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== "passed") return;
    if (result.status === "passed") this.passed += 1;
    else if (result.status === "skipped") this.skipped += 1;
    else this.failed += 1;
  }

  onEnd(result: FullResult): void {
    if (result.status !== "passed" && this.failed === 0) this.failed = 1;
    const tail = this.skipped > 0 ? `, ${this.skipped} skipped` : "";
    process.stdout.write(`\n${this.passed} passed, ${this.failed} failed${tail}\n`);
    const file = process.env.KNEEWISE_SUMMARY_FILE;
    if (file) fs.appendFileSync(file, `${this.passed} ${this.failed} ${this.skipped}\n`);
  }
}

export default SummaryReporter;
