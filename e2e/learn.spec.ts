import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

const ARTICLE = "/learn/patellar-tendinopathy";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("an article reads in full, with its sections, sources and the clinician notice", async ({
    page,
  }) => {
    await page.goto(ARTICLE);
    await expect(page).toHaveTitle("Patellar tendinopathy (jumper's knee) · kneewise");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Patellar tendinopathy (jumper's knee)",
    );
    for (const section of [
      "Symptoms",
      "Self-care",
      "Exercises",
      "When to see a clinician",
      "Sources",
      "Share your experience",
    ]) {
      await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
    }
    await expect(page.getByRole("note")).toContainText("does not replace a clinician");
    await expect(page.locator("#comments")).toBeVisible();
  });

  test("the learn index leads to an article, and the header search box finds it", async ({
    page,
  }) => {
    await page.goto("/learn");
    await page.getByRole("link", { name: "Patellar tendinopathy (jumper's knee)" }).click();
    await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));
    const search = page.getByRole("search", { name: "Search kneewise" });
    await search.getByRole("searchbox").fill("jumpers kne");
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=jumpers\+kne$/);
    const first = page.locator(".results li").first();
    await expect(first.getByRole("link")).toHaveAttribute("href", ARTICLE);
    await expect(first.locator("mark").first()).toBeVisible();
  });
});

for (const path of [
  "/learn",
  ARTICLE,
  "/search?q=runner%27s+knee",
  "/exercises/patellar-tendinopathy",
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

test("an article does not shift its layout while loading and fits a 375 px phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(ARTICLE, { waitUntil: "load" });
  const shift = await page.evaluate<number>(`new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(total), 500);
  })`);
  expect(shift).toBeLessThan(0.01);
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the search box in the app's header lands on the search page", async ({ page }) => {
  await page.goto("/assess");
  const search = page.getByRole("search", { name: "Search kneewise" });
  await search.getByRole("searchbox").fill("ITB");
  await search.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=ITB$/);
  await expect(page.locator(".results li").first().getByRole("link")).toHaveAttribute(
    "href",
    "/learn/iliotibial-band-syndrome",
  );
});

test.describe("an exercise page's picture", () => {
  const EXERCISE = "/exercises/step-down";

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    test(`shows the moving figure and both stills at ${viewport.width}×${viewport.height}, with no overflow and no axe violations`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(viewport);
      await page.goto(EXERCISE);
      const figure = page.locator("figure.exercise-figure");
      await expect(figure).toBeVisible();
      const caption = await figure.locator("figcaption").innerText();
      await expect(figure.getByRole("img", { name: caption })).toBeVisible();
      await expect(figure.getByRole("img", { name: /^Start:/ })).toBeVisible();
      await expect(figure.getByRole("img", { name: /^End:/ })).toBeVisible();
      // The loop really runs: the standing knee (the 10th line, after the floor and the far limbs) moves.
      const kneeX = () =>
        page.evaluate<number>('document.querySelectorAll(".figure-motion line")[9].x2.animVal.value');
      const before = await kneeX();
      await page.waitForTimeout(1000);
      expect(await kneeX()).not.toBe(before);
      await page.screenshot({ path: test.info().outputPath(`exercise-step-down-${viewport.width}x${viewport.height}.png`), fullPage: true });
      const overflow = await page.evaluate<number>(
        "document.documentElement.scrollWidth - window.innerWidth",
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const box = await figure.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
        ),
      ).toEqual([]);
    });
  }

  test("the app's programme page shows each exercise's picture, loaded from the server", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/programme/patellar-tendinopathy");
    const picture = page.getByRole("img", { name: /strap round the back of the knees/ }).first();
    await expect(picture).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate<number>(
          'Array.from(document.querySelectorAll(".exercise-thumb img")).filter((i) => i.naturalWidth > 0).length',
        ),
      )
      .toBeGreaterThan(3);
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("shows only the two stills to people who ask for reduced motion", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(EXERCISE);
    await expect(page.locator(".figure-motion")).toBeHidden();
    await expect(page.getByRole("img", { name: /^Start:/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /^End:/ })).toBeVisible();
  });
});
