import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { startOwnServer } from "./own-server.js";
import type { OwnServer } from "./own-server.js";

/**
 * Today, the home page once someone uses kneewise (issue 18, item 1): the first-run setup on a
 * fresh profile, then the runner's day once there are runs, a diary entry, a pair and a plan.
 * Its own server: the setup needs a profile nobody has saved, and the data would change other specs.
 */
const PORT = Number(process.env.E2E_TODAY_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 25);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MENU = ["Today", "Training", "Pain diary", "Check-in", "Plan", "Programmes", "Shoes", "Report", "Profile"];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** No sideways scrolling and no axe violations at phone and desktop size; a screenshot of each for people. */
async function expectFitsAndAccessible(page: Page, name: string) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: test.info().outputPath(`${name}-${size.width}x${size.height}.png`), fullPage: true });
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow, `horizontal overflow at ${size.width}x${size.height}`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }
}

/** The browser's today (TZ=UTC in these tests) minus n days. */
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test.describe("Today", () => {
  test.describe.configure({ mode: "serial" });
  let own: OwnServer | undefined;
  test.use({ baseURL: `http://127.0.0.1:${PORT}` });
  test.beforeAll(async () => {
    own = await startOwnServer("today", PORT);
  });
  test.afterAll(() => own?.stop());

  test.describe("in a German browser", () => {
    test.use({ locale: "de-DE" });
    test("the first-run setup offers kilometres", async ({ page }) => {
      await page.goto("/");
      const setup = page.getByRole("form", { name: "Set up kneewise in three questions" });
      await expect(setup).toBeVisible();
      await expect(setup.getByRole("radio", { name: "Kilometres" })).toBeChecked();
      // Weeks start where the language's calendars start them.
      await expect(setup.getByLabel("Your week starts on")).toHaveValue("1");
    });
  });

  test.describe("in a US browser", () => {
    test.use({ locale: "en-US" });
    test("the first-run setup offers miles, saves to the profile and then offers the import", async ({ page, request }) => {
      test.setTimeout(120_000);
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to kneewise");
      const setup = page.getByRole("form", { name: "Set up kneewise in three questions" });
      await expect(setup.getByRole("radio", { name: "Miles" })).toBeChecked();
      await expectFitsAndAccessible(page, "today-setup");

      await expect(setup.getByLabel("Your week starts on")).toHaveValue("0");
      await setup.getByRole("radio", { name: /Coming back/ }).check();
      await setup.getByRole("button", { name: "Save and continue" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Distances in" })).toHaveText(
        "Distances in miles, weeks from Sunday, weekly guide 5%.",
      );
      await expect(page.getByRole("link", { name: "Import your runs" })).toHaveAttribute("href", "/training/import");

      const profile = (await (await request.get("/api/profile")).json()) as { units: string; weekStart: number; experience: string; updatedAt: string | null };
      expect(profile).toMatchObject({ units: "mi", weekStart: 0, experience: "returning" });
      expect(profile.updatedAt).not.toBeNull();

      await page.getByRole("button", { name: "Not now" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
      await expect(page.getByRole("region", { name: "Nothing recorded yet" })).toBeVisible();
      // Set up once: the next visit goes straight to Today.
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
      await expect(page.getByRole("form", { name: "Set up kneewise in three questions" })).toHaveCount(0);
      await expectFitsAndAccessible(page, "today-empty");
    });
  });

  test("with runs, a diary entry, a worn pair and a plan, Today says what to run and what to watch", async ({ page, request }) => {
    test.setTimeout(150_000);
    await page.addInitScript({ content: 'localStorage.setItem("kneewise.units", "km");' });
    const ok = async (res: Awaited<ReturnType<typeof request.post>>) => expect(res.ok(), await res.text()).toBe(true);
    await ok(await request.put("/api/profile", { data: { units: "km", weekStart: 1 } }));
    await ok(await request.post("/api/shoes", { data: { name: "Old Racer", limitM: 100_000, distanceBeforeM: 96_000 } }));
    for (const [ago, km] of [[20, 8], [14, 18], [10, 8], [7, 10], [3, 8], [0, 22]] as const) {
      await ok(
        await request.post("/api/training/activities", {
          data: { sport: "run", date: daysAgo(ago), time: "07:00", utcOffsetMin: 0, distanceM: km * 1000, durationS: km * 360 },
        }),
      );
    }
    await ok(await request.put(`/api/pain/${daysAgo(0)}`, { data: { during: 1, after: 2 } }));
    await ok(await request.post("/api/plans", { data: { kind: "build", goal: { kind: "weekly", weeklyM: 40_000 }, start: "today" } }));

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
    await expect(page.getByRole("region", { name: /^(Green|Amber|Red|No knee light)/ })).toBeVisible();

    // 22 km today: the longest-run limit is 24.2 km, and the spike leads what to watch.
    const run = page.getByRole("region", { name: "Today's run" });
    await expect(run).toContainText("Longest-run limit: 24.2 km");
    await expect(run).toContainText("Left of this week's guide");
    const watch = page.getByRole("region", { name: /thing to watch|Things to watch/ });
    await expect(watch.getByRole("listitem").first()).toContainText("22% further than your longest run");

    await expect(page.getByRole("region", { name: "Next planned session" })).toContainText(
      /: (Easy run|Long run|Faster run|Cross-training|Strength|Walk-run|Race)/,
    );
    await expect(page.getByRole("region", { name: "Shoes near their limit" })).toContainText("Old Racer");
    // Measured against the pair's own limit, in the runner's units.
    await expect(page.getByRole("region", { name: "Shoes near their limit" })).toContainText(/Old Racer: \d+ km of 100 km/);
    // The diary has today's entry; the check-in is still to do.
    const nudge = page.getByRole("region", { name: "Not noted yet today" });
    await expect(nudge.getByRole("link", { name: "Do today's check-in" })).toBeVisible();
    await expect(nudge.getByRole("link", { name: /pain diary/ })).toHaveCount(0);
    await expectFitsAndAccessible(page, "today");

    // Every tool is in the menu, on a phone too.
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Menu" }).click();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of MENU) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    await nav.getByRole("link", { name: "Check-in", exact: true }).click();
    await expect(page).toHaveURL(/\/check-in$/);
    // The overview of every tool stays one click from Today.
    await page.goto("/");
    await page.getByRole("link", { name: "Everything kneewise does" }).click();
    await expect(page).toHaveURL(/\/tools$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
