import { expect, test } from "@playwright/test";
import { CUT_CHART_WORDS } from "./page-checks.js";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { activityDetail } from "../src/contracts/activities.js";
import { startOwnServer } from "./own-server.js";
import type { OwnServer } from "./own-server.js";

/**
 * Shoes offered from a Strava export, and activities the runner corrects: on a server of its own,
 * since these runs, pairs, deletions and merges would change what the shared server's specs see.
 */
const PORT = Number(process.env.E2E_ACTIVITIES_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 21);
let own: OwnServer | undefined;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.beforeAll(async () => {
  own = await startOwnServer("activities", PORT);
});
test.afterAll(() => own?.stop());
// Kilometres, whatever the browser's language would preset: the runner's choice, on the profile
// and on this device.
test.beforeEach(async ({ page, request }) => {
  expect((await request.put("/api/profile", { data: { units: "km" } })).ok()).toBe(true);
  await page.addInitScript("localStorage.setItem('kneewise.units', 'km')");
});

/** "May 3, 2026, 6:30:00 AM": how an English Strava export writes a date (UTC). */
function stravaDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:00 ${h < 12 ? "AM" : "PM"}`;
}

/** A small activities.csv in Strava's layout: two pairs kneewise does not know, a bike, and runs without gear. */
function stravaExport(): Buffer {
  const day = 86_400_000;
  const start = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 6, 30) - 20 * day;
  const rows: [string, number, string, string, number, number, string][] = [
    ["101", 0, "Easy run", "Run", 3000, 10_000, "Pegasus 40"],
    ["102", 2, "Hills", "Run", 2700, 8_000, "Pegasus 40"],
    ["103", 5, "Forest loop", "Trail Run", 4200, 12_000, "Speedgoat 5"],
    ["104", 6, "Commute", "Ride", 3600, 24_000, "Kona Rove ST"],
    ["105", 8, "Recovery", "Run", 1800, 5_000, ""],
  ];
  const header = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Elapsed Time,Moving Time,Distance,Activity Gear";
  const lines = rows.map(([id, d, name, type, s, m, gear]) =>
    [id, `"${stravaDate(start + d * day)}"`, name, type, "", s, (m / 1000).toFixed(2), "", s, s, m.toFixed(1), gear].join(","),
  );
  return Buffer.from([header, ...lines].join("\n") + "\n");
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** No sideways scrolling; a screenshot of the page at its size for people (in the test's output folder). */
async function expectNoSideways(page: Page): Promise<void> {
  expect(await page.evaluate<string[]>(CUT_CHART_WORDS), "chart words cut by their box").toEqual([]);
  const size = page.viewportSize();
  const parts = new URL(page.url()).pathname.split("/").filter(Boolean);
  const name = parts.map((p) => (/\d/.test(p) && p.length > 12 ? "one" : p)).join("-") || "home";
  await page.screenshot({ path: test.info().outputPath(`${name}-${size?.width ?? 0}x${size?.height ?? 0}.png`), fullPage: true });
  expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth")).toBeLessThanOrEqual(0);
}

test.describe.serial("a Strava export's shoes and activities", () => {
  test("the import offers the pairs the export names, not the bike, and adds them with their runs", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/training/import");
    await page.getByLabel("Choose files, or drop them here").setInputFiles([{ name: "activities.csv", mimeType: "text/csv", buffer: stravaExport() }]);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });

    const offers = page.getByRole("region", { name: "Add these pairs?" });
    await expect(offers).toBeVisible();
    await expect(offers.getByRole("listitem")).toHaveCount(2);
    await expect(offers.getByRole("listitem").filter({ hasText: "Pegasus 40" })).toContainText("18.0 km in 2 activities");
    await expect(offers).not.toContainText("Kona");
    await expectAxeClean(page);
    await offers.getByRole("button", { name: "Add all 2 pairs" }).click();
    await expect(page.getByText("Added Speedgoat 5, Pegasus 40, with their past runs.")).toBeVisible();

    await page.goto("/shoes");
    await expect(page.getByRole("heading", { level: 1, name: "Shoes" })).toBeVisible();
    const pegasus = page.locator(".shoe-card").filter({ has: page.getByRole("heading", { name: "Pegasus 40" }) });
    await expect(pegasus).toContainText("18 km of 700 km (2%)");
    await expect(page.getByRole("heading", { name: "Add these pairs?" })).toHaveCount(0);
    // Neither offered pair became the default for runs: the new-pair form still offers it.
    const addForm = page.getByRole("region", { name: "Add a pair" });
    const runDefault = addForm.getByRole("group", { name: "Default pair for" }).getByLabel("Run", { exact: true });
    await expect(runDefault).toBeChecked();
    await addForm.getByLabel("Name").fill("Clifton 9");
    await addForm.getByRole("button", { name: "Add pair" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Clifton 9 is added." })).toBeVisible();
    // Runs have a default pair now: the next pair does not take it unless asked.
    await expect(runDefault).not.toBeChecked();
    await addForm.getByLabel("Name").fill("Rincon 3");
    await runDefault.check();
    await addForm.getByRole("button", { name: "Add pair" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rincon 3 is now the default pair for run instead of Clifton 9" })).toBeVisible();
    await expect(page.locator(".shoe-card").filter({ hasText: "Default for: run" })).toHaveCount(1);
  });

  test("on a phone, each activity is a card with its date, distance, time and pace, and a ride's speed", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/training/activities");
    await expect(page.getByRole("heading", { level: 1, name: "Activities" })).toBeVisible();
    const cards = page.getByRole("list", { name: "Activities" }).getByRole("listitem");
    await expect(cards).toHaveCount(5);
    await expect(page.getByRole("table")).toBeHidden();
    const hills = cards.filter({ hasText: "Hills" });
    await expect(hills).toContainText("8.00 km");
    await expect(hills).toContainText("45:00");
    await expect(hills).toContainText("5:38 /km");
    await expect(cards.filter({ hasText: "Commute" })).toContainText("24.0 km/h");
    for (const card of await cards.all()) {
      const box = await card.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await expectNoSideways(page);
    await expectAxeClean(page);
  });

  test("on a desktop, the same list is a table", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/training/activities");
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(6);
    await expect(page.getByRole("list", { name: "Activities" })).toBeHidden();
    await expect(rows.filter({ hasText: "Commute" })).toContainText("24.0 km/h");
    await expectNoSideways(page);
    await expectAxeClean(page);
  });

  test("a runner corrects an activity, leaves it out of the load, deletes it and undoes the delete", async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/training/activities");
    await page.getByRole("link", { name: "Recovery" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Recovery" })).toBeVisible();

    const form = page.getByRole("form", { name: "Correct this activity" });
    await form.getByLabel("Title").fill("Walk with the dog");
    await form.getByLabel("Sport").selectOption("walk");
    await form.getByLabel(/Leave it out of the training load/).check();
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Walk with the dog" })).toBeVisible();
    await expect(page.locator(".activity-facts")).toContainText("Walk");
    await expect(page.locator(".activity-facts")).toContainText("Left out");
    await expectNoSideways(page);
    await expectAxeClean(page);

    await page.getByRole("button", { name: "Delete this activity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Activity deleted" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Walk with the dog is deleted." })).toBeVisible();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Walk with the dog" })).toBeVisible();
    await page.getByRole("link", { name: "All activities" }).click();
    const cards = page.getByRole("list", { name: "Activities" }).getByRole("listitem");
    await expect(cards).toHaveCount(5);
    await expect(cards.filter({ hasText: "Walk with the dog" })).toContainText("left out of the load");

    // Deleted for good this time: the list has one fewer.
    await cards.filter({ hasText: "Walk with the dog" }).getByRole("link").click();
    await page.getByRole("button", { name: "Delete this activity" }).click();
    await page.getByRole("link", { name: "Back to all activities" }).click();
    await expect(cards).toHaveCount(4);
  });

  test("the activity page: splits per km, one average pace, climbing in m, and every axis label whole on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // A recorded run of 3.2 km: a sample every 10 s at about 5:00 /km, a hill, heart rate up to 171.
    const stream = Array.from({ length: 97 }, (_, i) => ({
      t: i * 10,
      d: Math.round(i * 33.3 + (i % 2) * 4),
      alt: 40 + Math.round(Math.max(0, 20 - Math.abs(i - 48) / 2) * 10) / 10,
      hr: 120 + Math.round((i / 96) * 51),
      cad: 170,
    }));
    // The answer the server would give, held to the API's contract (strictly: no field it no longer
    // sends, none it sends missing), so the page is tested against what it really receives.
    const detail = activityDetail.strict().parse({
      id: "recorded-run",
      sport: "run",
      startUtc: "2026-05-03T06:30:00.000Z",
      utcOffsetMin: 0,
      movingS: 960,
      elapsedS: 1000,
      distanceM: 3200,
      elevationGainM: 20,
      elevationLossM: 20,
      avgHr: 145,
      maxHr: 171,
      avgCadence: 170,
      device: null,
      gear: null,
      name: "Recorded run",
      perceivedExertion: null,
      indoor: false,
      source: "gpx",
      shoeId: null,
      shoeManual: false,
      surface: null,
      excludeFromLoad: false,
      laps: [],
      stream,
    });
    await page.route("**/api/activities/recorded-run", (route) => route.fulfill({ json: detail }));
    await page.goto("/training/activities/recorded-run");
    await expect(page.getByRole("heading", { level: 1, name: "Recorded run" })).toBeVisible();

    // One average, on moving time: 960 s over 3.2 km is 5:00 /km, in the header and on the chart.
    const facts = page.locator(".activity-facts");
    await expect(facts).toContainText("Average pace (moving time)");
    await expect(facts).toContainText("5:00 /km");
    await expect(facts).toContainText("20 m up, 20 m down");
    await expect(page.getByRole("img", { name: /^Pace .*average \(moving time\) 5:00 \/km/ })).toBeVisible();

    const splits = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Split" }) });
    await expect(page.getByRole("heading", { name: "Splits per km" })).toBeVisible();
    await expect(splits.locator("tbody tr")).toHaveCount(4);
    await expect(splits.locator("tbody tr").first()).toContainText("1.00 km");
    // The first km is passed between the samples at 300 s (999 m) and 310 s (1036 m): 5:00.
    await expect(splits.locator("tbody tr").first()).toContainText("5:00 /km");

    // Every tick label lies inside its chart's box ("159 bpm", not "59 bpm").
    const cut = await page.evaluate<(string | null)[]>(
      `[...document.querySelectorAll(".activity-chart svg text")]
        .filter((t) => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > 640; })
        .map((t) => t.textContent)`,
    );
    expect(cut).toEqual([]);
    await expectNoSideways(page);
    await expectAxeClean(page);

    // Miles: splits per mile and climbing in feet.
    // (After beforeEach's init script, so it wins on the reload.)
    await page.addInitScript("localStorage.setItem('kneewise.units', 'mi')");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Splits per mile" })).toBeVisible();
    await expect(page.locator(".activity-facts")).toContainText("66 ft up, 66 ft down");
  });

  test("the activity page draws the route from its own points and gives the time in heart-rate zones from the profile", async ({ page, request }) => {
    // A 16-minute loop of about 3.2 km around a point in London, a sample every 10 s: 300 s at 125 bpm,
    // 400 s at 145 and 260 s at 160 (the last point starts no interval).
    const stream = Array.from({ length: 97 }, (_, i) => {
      const angle = (i / 98) * 2 * Math.PI;
      return {
        t: i * 10,
        d: Math.round(i * 33.3),
        alt: 20,
        hr: i < 30 ? 125 : i < 70 ? 145 : 160,
        cad: 170,
        lat: Math.round((51.5 + 0.0046 * Math.sin(angle)) * 1e5) / 1e5,
        lon: Math.round((-0.12 + 0.0073 * (1 - Math.cos(angle))) * 1e5) / 1e5,
      };
    });
    const detail = activityDetail.strict().parse({
      id: "loop-run",
      sport: "run",
      startUtc: "2026-05-04T06:30:00.000Z",
      utcOffsetMin: 0,
      movingS: 960,
      elapsedS: 960,
      distanceM: 3200,
      elevationGainM: 0,
      elevationLossM: 0,
      avgHr: 143,
      maxHr: 160,
      avgCadence: 170,
      device: null,
      gear: null,
      name: "Loop run",
      perceivedExertion: null,
      indoor: false,
      source: "gpx",
      shoeId: null,
      shoeManual: false,
      surface: null,
      excludeFromLoad: false,
      laps: [],
      stream,
    });
    await page.route("**/api/activities/loop-run", (route) => route.fulfill({ json: detail }));
    expect((await request.put("/api/profile", { data: { maxHr: null, thresholdHr: null } })).ok()).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/training/activities/loop-run");
    await expect(page.getByRole("heading", { level: 1, name: "Loop run" })).toBeVisible();
    const route = page.getByRole("img", { name: /^Route Route of 3\.20 km, start and finish \d+ m apart; it covers/ });
    await expect(route).toBeVisible();
    expect((await route.boundingBox())!.width).toBeLessThanOrEqual(390);
    await expect(route.locator("polyline")).toHaveCount(1);
    // No tile URL configured: no map under the route, and nothing asked of any other server.
    await expect(route.locator("image")).toHaveCount(0);
    await expect(page.locator(".route-attribution")).toHaveCount(0);
    // Without a maximum or threshold heart rate, the page says where to add one instead of guessing.
    const zones = page.getByRole("region", { name: "Time in heart-rate zones" });
    await expect(zones).toContainText("Zones need your maximum or threshold heart rate");
    await zones.getByRole("link", { name: "Add one to your profile" }).click();

    // The profile refuses an impossible maximum, naming it, then keeps a plausible one.
    const maxHr = page.getByLabel("Maximum heart rate (beats per minute)");
    await maxHr.fill("250");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Give the maximum heart rate as whole beats per minute from 100 to 230.")).toBeVisible();
    await maxHr.fill("190");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();

    for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.goto("/training/activities/loop-run");
      // Zones of 190: 95, 114, 133, 152 and 171 bpm. 400 of the 960 s are in zone 3.
      const rows = page.getByRole("region", { name: "Time in heart-rate zones" }).getByRole("listitem");
      await expect(rows).toHaveCount(5);
      await expect(rows.nth(1)).toContainText("Zone 2, easy (114 to 132 bpm)5:00, 31%");
      await expect(rows.nth(2)).toContainText("Zone 3, moderate (133 to 151 bpm)6:40, 42%");
      await expect(rows.nth(3)).toContainText("Zone 4, hard (152 to 170 bpm)4:20, 27%");
      await expect(page.getByText(/most of it in zone 3, moderate\. Zones from your maximum heart rate of 190 bpm/)).toBeVisible();
      await expect(page.getByRole("img", { name: /^Route Route of 3\.20 km/ })).toBeVisible();
      await expectNoSideways(page);
      await expectAxeClean(page);
    }
    expect((await request.put("/api/profile", { data: { maxHr: null } })).ok()).toBe(true);
  });
  test("with the server's map tiles configured, the route is drawn over them with their attribution", async ({ page }) => {
    const stream = Array.from({ length: 97 }, (_, i) => {
      const angle = (i / 98) * 2 * Math.PI;
      return {
        t: i * 10,
        d: Math.round(i * 33.3),
        alt: null,
        hr: null,
        cad: null,
        lat: Math.round((51.5 + 0.0046 * Math.sin(angle)) * 1e5) / 1e5,
        lon: Math.round((-0.12 + 0.0073 * (1 - Math.cos(angle))) * 1e5) / 1e5,
      };
    });
    const detail = activityDetail.parse({
      id: "tiled-run", sport: "run", startUtc: "2026-05-04T06:30:00.000Z", utcOffsetMin: 0, movingS: 960, elapsedS: 960,
      distanceM: 3200, elevationGainM: 0, elevationLossM: 0, avgHr: null, maxHr: null, avgCadence: null, device: null, gear: null,
      name: "Tiled run", perceivedExertion: null, indoor: false, source: "gpx", shoeId: null, shoeManual: false, surface: null,
      excludeFromLoad: false, laps: [], stream,
    });
    await page.route("**/api/activities/tiled-run", (route) => route.fulfill({ json: detail }));
    // The configuration as a club's server would give it; the tiles themselves are never fetched
    // (this server's CSP allows no other origin, and any request that got past it is refused here).
    await page.route("**/api/map-config", (route) =>
      route.fulfill({ json: { tiles: { urlTemplate: "https://tile.kneewise.test/{z}/{x}/{y}.png", attribution: "© Test tiles" } } }),
    );
    await page.route("https://tile.kneewise.test/**", (route) => route.abort());
    await page.goto("/training/activities/tiled-run");
    const route = page.getByRole("img", { name: /^Route Route of 3\.20 km, start and finish \d+ m apart; it covers/ });
    await expect(route.locator("image").first()).toBeAttached();
    // About 1 km across London drawn 600 units wide: zoom 16, columns 32746 to 32748 of 65536.
    const hrefs = await Promise.all((await route.locator("image").all()).map((image) => image.getAttribute("href")));
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/tile\.kneewise\.test\/16\/3274\d\/\d+\.png$/);
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    await expect(route.locator("polyline")).toHaveCount(1);
    await expect(route.locator("circle.route-finish")).toHaveCount(1);
    await expect(page.locator(".route-attribution")).toHaveText("Map: © Test tiles");
  });
});
