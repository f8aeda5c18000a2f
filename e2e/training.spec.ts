import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  // Chromium reports en-US, which would default to miles; these tests read kilometres.
  await page.addInitScript({ content: 'localStorage.setItem("kneewise.units", "km");' });
});

test("a new pair, a check-in and a hand-logged run show up on the dashboard's charts with their text alternatives", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/shoes");
  await page.getByLabel("Name").fill("Trail Friend");
  await page.getByLabel("Brand (optional)").fill("Acme");
  await page.getByRole("button", { name: "Add pair" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Trail Friend is added." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acme Trail Friend" })).toBeVisible();

  await page.goto("/check-in");
  await page.getByRole("group", { name: "Tired, even after rest" }).getByLabel("A little").check();
  await page.getByRole("button", { name: "Save check-in" }).click();
  await expect(page.getByRole("status").filter({ hasText: "out of 24" })).toContainText("1 out of 24");

  // Other browser tests share this server's database and may have logged runs already, which a
  // runner's only pair rightly carries too: compare the pair's distance before and after.
  await page.goto("/training");
  const shoes = page.getByRole("figure").filter({ hasText: "Shoe mileage" });
  const before = await shoes.getByRole("img").textContent({ timeout: 10_000 }).catch(() => "");
  const beforeKm = Number(/Trail Friend: (\d+) km of 700 km/.exec(before ?? "")?.[1] ?? 0);
  await page.getByLabel("Distance in kilometres").fill("8");
  await page.getByLabel("Minutes").fill("45");
  await page.getByLabel("How hard did it feel? (optional)").selectOption("5");
  await page.getByRole("button", { name: "Save run" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved:" })).toContainText("Run, 8.0 km, 45 min");

  const volume = page.getByRole("figure").filter({ hasText: "Weekly running distance" });
  await expect(volume.getByRole("img", { name: /Weekly running distance in km/ })).toBeVisible();
  await volume.getByText("Weekly running distance: show as a table").click();
  await expect(volume.getByRole("table")).toContainText("8.0 km");

  await expect(shoes.getByRole("img")).toContainText(`Trail Friend: ${beforeKm + 8} km of 700 km`);
  await shoes.getByText("show as a table").click();
  await expect(shoes.getByRole("table")).toContainText("Trail Friend");

  // The pain diary's light sits beside the load, with its decision in words.
  await expect(page.getByText(/^Decision:/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the pain diary" })).toBeVisible();

  const checkins = page.getByRole("figure").filter({ hasText: "Check-in scores" });
  await expect(checkins.getByRole("img")).toBeVisible();
  // With little history the ratio is withheld and the page says why; other browser tests share this
  // database and may have imported enough runs for it, in which case the chart is drawn instead.
  await expect(page.getByRole("region", { name: "Acute:chronic load" })).toContainText(
    /Not shown yet: .+ \(\d+ of the last 28 days covered, 21 needed\)|Acute:chronic load over time/,
  );
});

test("retiring a pair can be undone", async ({ page }) => {
  await page.goto("/shoes");
  await page.getByLabel("Name").fill("Old Faithful");
  await page.getByRole("button", { name: "Add pair" }).click();
  await page.getByRole("button", { name: "Retire Old Faithful" }).click();
  await expect(page.getByRole("heading", { name: "Retired" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("button", { name: "Retire Old Faithful" })).toBeVisible();
});

for (const path of ["/training", "/shoes", "/check-in"]) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    // Open every chart's table so axe checks it too.
    for (const summary of await page.locator("details.chart-table > summary").all()) await summary.click();
    await expectNoAxeViolations(page);
  });
}
