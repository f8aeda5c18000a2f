import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

// Playwright runs from the repository root; the corpus sits beside it in ../shared.
const CORPUS = path.resolve(process.cwd(), "..", "shared", "corpus");

test("a runner uploads files, watches the import, reads the failures and opens an activity's charts", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/training");
  await page.getByRole("link", { name: "Import your history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import your history" })).toBeVisible();

  await page.getByLabel("Choose files, or drop them here").setInputFiles([
    { name: "fenix2-run.fit", mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(CORPUS, "fit", "fitparse__activity-small-fenix2-run.fit")) },
    { name: "sample.tcx", mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(CORPUS, "tcx", "togeojson__sample.tcx")) },
    { name: "notes.fit", mimeType: "application/octet-stream", buffer: Buffer.from("not a FIT file at all") },
  ]);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("notes.fit")).toBeVisible();
  await expect(page.getByText("FIT_NOT_FIT")).toBeVisible();

  await page.getByRole("link", { name: "See them all" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activities" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header + 2 runs
  await page.getByLabel("Sport").selectOption("run");
  await expect(rows).toHaveCount(3);

  await rows.nth(1).getByRole("link").click();
  await expect(page.getByRole("img", { name: /Heart rate/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Pace/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the import page keeps asking through a server that stops answering, and lists the import after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  // The first two polls meet a server that is restarting: no answer, then a proxy's 503.
  let polls = 0;
  await page.route("**/api/imports/*", async (route) => {
    polls++;
    if (polls === 1) await route.abort("connectionrefused");
    else if (polls === 2) await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "Restarting." } }) });
    else await route.continue();
  });
  await page.goto("/training/import");
  await page.getByLabel("Choose files, or drop them here").setInputFiles([
    // The run the test above imported: recognised, so the other specs see the same activities.
    { name: "fenix2-run.fit", mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(CORPUS, "fit", "fitparse__activity-small-fenix2-run.fit")) },
  ]);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(/server is not answering/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
  expect(polls).toBeGreaterThanOrEqual(3);

  await page.unroute("**/api/imports/*");
  await page.reload();
  const history = page.getByRole("region", { name: "Your recent imports" });
  await expect(history).toBeVisible();
  await expect(history.getByRole("listitem").first()).toContainText("Finished");
  await expect(history.getByRole("listitem").first()).toContainText(/\d+ new activit/);
});

test("the import page and the activity list have no accessibility violations on a phone", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 375, height: 800 });
  for (const url of ["/training/import", "/training/activities"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});
