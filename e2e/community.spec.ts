import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

// The e2e server runs in single-user mode: the local owner posts, and comments show at once.
const THREAD = "/community/patellofemoral-pain";

test("a runner shares an experience and sees it in the thread and in the community list", async ({
  page,
}) => {
  await page.goto(THREAD);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Patellofemoral pain");
  const text = `Hip strengthening twice a week helped me within a month (${Date.now()})`;
  await page
    .getByRole("textbox", { name: "Your experience", exact: true })
    .fill(`${text}\n\nSee **this** too.`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("status")).toContainText("Your comment is posted");
  const item = page.getByRole("article", { name: "Comment by Runner" }).filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(item.locator("strong", { hasText: "this" })).toBeVisible();

  await page.goto("/community");
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByRole("link", { name: /Patellofemoral pain/ }).first()).toBeVisible();
});

test("markup in a comment is shown as text and never runs", async ({ page }) => {
  await page.goto(THREAD);
  const payload = `<img src=x onerror="document.title='pwned'"> [click](javascript:alert(1)) ${Date.now()}`;
  await page.getByRole("textbox", { name: "Your experience", exact: true }).fill(payload);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText(payload)).toBeVisible();
  await expect(page.locator(".comment img")).toHaveCount(0);
  await expect(page.locator('.comment a[href^="javascript"]')).toHaveCount(0);
  await expect(page).not.toHaveTitle("pwned");
});

test("deleting a comment can be undone for a few seconds", async ({ page }) => {
  await page.goto(THREAD);
  const text = `Comment to delete ${Date.now()}`;
  await page.getByRole("textbox", { name: "Your experience", exact: true }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  const item = page.getByRole("article", { name: "Comment by Runner" }).filter({ hasText: text });
  await item.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(text)).toBeHidden();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(text)).toBeVisible();
  await item.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeHidden({ timeout: 10_000 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(text)).toBeHidden();
});

for (const path of ["/community", THREAD]) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      ),
    ).toEqual([]);
  });
}

test("the thread works on a 375 px phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(THREAD);
  await expect(page.getByRole("textbox", { name: "Your experience", exact: true })).toBeVisible();
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
