import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { CUT_CHART_WORDS } from "./page-checks.js";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { startOwnServer } from "./own-server.js";
import type { OwnServer } from "./own-server.js";

/**
 * One choice of units everywhere the runner looks (issue 18, item 2): with a profile in miles,
 * no page shows a kilometre, and with one in km, no page shows a mile, on a phone. The choice is
 * the saved profile's, not this browser's: nothing is put in localStorage here. Its own server,
 * so switching the profile's units changes no other spec's pages.
 */
const PORT = Number(process.env.E2E_UNITS_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 31);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The pages a runner reads distances and dates on, and whether each shows a distance. */
const PAGES: { path: string; heading: RegExp; distances: boolean }[] = [
  { path: "/", heading: /^Today$/, distances: true },
  { path: "/training", heading: /Training/, distances: true },
  { path: "/training/activities", heading: /Activities/, distances: true },
  { path: "/shoes", heading: /Shoes/, distances: true },
  { path: "/pain", heading: /Pain diary/, distances: true },
  { path: "/check-in", heading: /Check-in/, distances: false },
  { path: "/programme/patellofemoral-pain", heading: /./, distances: false },
  { path: "/report", heading: /report/i, distances: true },
  { path: "/account", heading: /Account/, distances: false },
];


const KM = /\bkm\b|\bkm\/h\b|kilometre/i;
const MILES = /\bmi\b|\bmph\b|\bmiles?\b|\bft\b/i;

/** The browser's today (TZ=UTC in these tests) minus n days. */
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function ok(res: APIResponse): Promise<void> {
  expect(res.ok(), await res.text()).toBe(true);
}

async function seed(request: APIRequestContext): Promise<void> {
  await ok(await request.put("/api/profile", { data: { units: "mi", experience: "regular", weekStart: 1 } }));
  await ok(await request.post("/api/shoes", { data: { name: "Daily Trainer", limitM: 700_000, distanceBeforeM: 120_000 } }));
  const runs: [number, number][] = [[30, 8], [26, 10], [22, 8], [19, 12], [15, 9], [12, 14], [8, 10], [5, 16], [2, 8], [0, 19]];
  for (const [ago, km] of runs) {
    await ok(
      await request.post("/api/training/activities", {
        data: { sport: "run", date: daysAgo(ago), time: "07:00", utcOffsetMin: 0, distanceM: km * 1000, durationS: km * 330 },
      }),
    );
  }
  for (const ago of [22, 19, 16, 14, 12, 10, 8, 5, 2, 0]) await ok(await request.put(`/api/pain/${daysAgo(ago)}`, { data: { during: 2, after: 3, nextMorning: 2 } }));
}

/**
 * What a runner can read on the page: the visible text of the main part, the words drawn in
 * charts, and the names charts give screen readers. The units choice itself (the radios that
 * name both units) is left out.
 */
const READABLE_TEXT = `(() => {
  const main = document.querySelector("main") ?? document.body;
  const choice = [...main.querySelectorAll("fieldset.units")].map((f) => f.innerText);
  const visible = choice.reduce((text, c) => text.replace(c, ""), main.innerText);
  const chartWords = [...main.querySelectorAll("svg text, svg title, svg desc")].map((t) => t.textContent ?? "");
  const names = [...main.querySelectorAll("[role=img][aria-label]")].map((e) => e.getAttribute("aria-label") ?? "");
  return [visible, ...chartWords, ...names].join("\\n");
})()`;

async function readableText(page: Page): Promise<string> {
  return page.evaluate<string>(READABLE_TEXT);
}

async function walk(page: Page, forbidden: RegExp, expected: RegExp, units: "km" | "mi"): Promise<void> {
  for (const p of PAGES) {
    await page.goto(p.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.heading);
    await page.waitForLoadState("networkidle");
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    const text = await readableText(page);
    const wrong = text.split("\n").filter((line) => forbidden.test(line));
    expect(wrong, `${p.path} shows the other unit`).toEqual([]);
    if (p.distances) expect(text, `${p.path} shows a distance in the runner's units`).toMatch(expected);
    const shot = p.path === "/" ? "today" : p.path.slice(1).replace(/\W+/g, "-");
    await page.screenshot({ path: test.info().outputPath(`${shot}-${units}-390x844.png`), fullPage: true });
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow, `${p.path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
}

test.describe("one choice of units on every page", () => {
  test.describe.configure({ mode: "serial" });
  let own: OwnServer | undefined;
  test.use({ baseURL: `http://127.0.0.1:${PORT}`, viewport: PHONE, locale: "en-IE" });
  test.beforeAll(async () => {
    own = await startOwnServer("units", PORT);
  });
  test.afterAll(() => own?.stop());

  test("a runner who counts in miles sees no kilometre on any page", async ({ page, request }) => {
    test.setTimeout(120_000);
    await seed(request);
    // An Irish browser would start in km: the miles below come from the saved profile alone.
    await walk(page, KM, /\d mi\b|\bmiles\b/, "mi");
    // Dates in one style, in the browser's language: "7 Dec 2026".
    await page.goto("/report");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("main")).toContainText(new RegExp(`made on ${dayMonthYear(daysAgo(0))}`));
  });

  test("the pain diary's patterns and reasons follow the miles and the browser's date style", async ({ page, request }) => {
    // Mornings after the runs over 10 km (12, 14, 16 and 19 km) hurt more than after the shorter six.
    const mornings: [number, number][] = [[30, 1], [26, 1], [22, 1], [19, 5], [15, 1], [12, 5], [8, 1], [5, 5], [2, 1], [0, 5]];
    for (const [ago, nextMorning] of mornings) await ok(await request.put(`/api/pain/${daysAgo(ago)}`, { data: { during: 2, after: 3, nextMorning } }));
    await page.goto("/pain");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Pain diary/);
    await expect(page.locator(".pattern-list")).toContainText("runs longer than 6.2 mi");
    await page.getByText("What was checked").click();
    const checked = page.locator("details").filter({ hasText: "What was checked" });
    await expect(checked).toContainText("Mornings after runs over 6.2 mi averaged 5 (4 days)");
    await expect(checked).not.toContainText(KM);
    // The light's reasons name their days as the rest of the app does ("7 Dec 2026"), not as ISO dates.
    const reasons = page.locator(".light-reasons");
    await expect(reasons).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    await expect(reasons).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  });

  test("every page fits a phone and a desktop screen, with no chart word cut by its box and no axe violations", async ({ page }) => {
    test.setTimeout(180_000);
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      for (const p of [...PAGES, { path: "/plan", heading: /Plan/, distances: false }]) {
        await page.goto(p.path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.heading);
        await page.waitForLoadState("networkidle");
        await expect(page.getByText(/^Loading/)).toHaveCount(0);
        const shot = p.path === "/" ? "today" : p.path.slice(1).replace(/\W+/g, "-");
        await page.screenshot({ path: test.info().outputPath(`${shot}-${size.width}x${size.height}.png`), fullPage: true });
        const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
        expect(overflow, `${p.path} scrolls sideways at ${size.width}x${size.height}`).toBeLessThanOrEqual(0);
        expect(await page.evaluate<string[]>(CUT_CHART_WORDS), `${p.path} at ${size.width}x${size.height}`).toEqual([]);
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.map((v) => `${p.path} ${size.width}: ${v.id}: ${v.help}`)).toEqual([]);
      }
    }
  });

  test("a runner who counts in km sees no mile on any page, and the choice made on Account is the profile's", async ({ page, request }) => {
    test.setTimeout(120_000);
    await page.goto("/account");
    await page.getByLabel("kilometres").check();
    await expect.poll(async () => ((await (await request.get("/api/profile")).json()) as { units: string }).units).toBe("km");
    await walk(page, MILES, /\d km\b|\bkilometres\b/, "km");
  });
});

/** "7 Dec 2026" for a YYYY-MM-DD day, as en-IE writes it. */
function dayMonthYear(day: string): string {
  return new Intl.DateTimeFormat("en-IE", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
