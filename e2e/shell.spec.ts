import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

const AREAS = ["Learn", "Assess", "Training", "Shoes", "Plan", "Community"];

test("the home page opens and the navigation reaches every area", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "does not replace a clinician" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of AREAS) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${label.toLowerCase()}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "does not replace a clinician" })).toBeVisible();
    await expect(page).toHaveTitle(/kneewise/);
  }
  await nav.getByRole("link", { name: "Account" }).click();
  await expect(page.getByText("nothing to sign in to")).toBeVisible();
});

for (const path of [
  "/",
  "/learn",
  "/assess",
  "/training",
  "/shoes",
  "/plan",
  "/community",
  "/account",
]) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    // axe is CPU-heavy; on a shared two-core machine one page can take a while.
    test.setTimeout(90_000);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      ),
    ).toEqual([]);
  });
}

test("on a phone the menu opens and closes", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "Menu" });
  await expect(toggle).toBeVisible();
  await expect(page.getByRole("link", { name: "Shoes", exact: true })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("link", { name: "Shoes", exact: true }).click();
  await expect(page).toHaveURL(/\/shoes$/);
  await expect(page.getByRole("link", { name: "Plan", exact: true })).toBeHidden();
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("kneewise switches distances between km and miles and remembers it", async ({ page }) => {
  await page.goto("/account");
  await page.getByLabel("miles").check();
  await page.reload();
  await expect(page.getByLabel("miles")).toBeChecked();
  await page.getByLabel("kilometres").check();
  await page.reload();
  await expect(page.getByLabel("kilometres")).toBeChecked();
});
