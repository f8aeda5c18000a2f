import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

/** Writes a weekly-goal plan through the form: 30 km from 20 km, or 20 mi from 12 mi. */
async function writePlan(page: Page, units: "km" | "mi" = "km"): Promise<void> {
  await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "${units}");` });
  await page.goto("/plan");
  const form = page.getByRole("form", { name: "Write a plan" });
  const rewrite = page.getByRole("button", { name: "Write a new plan" });
  await expect(form.or(rewrite)).toBeVisible();
  if (await rewrite.isVisible()) await rewrite.click();
  await page.getByLabel(`Weekly goal (${units})`).fill(units === "km" ? "30" : "20");
  await page.getByLabel(/current weekly distance/i).fill(units === "km" ? "20" : "12");
  await page.getByLabel("Your running").selectOption("regular");
  await page.getByRole("button", { name: "Write my plan" }).click();
  await expect(page.getByRole("heading", { name: "Your calendar" })).toBeVisible();
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

function hasBinary(name: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => fs.existsSync(path.join(dir, name)));
}

test("a runner writes a plan and sees it as a month grid, or as a list on a phone", async ({
  page,
}) => {
  await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
  await page.goto("/plan");
  // A clear message names the field when the goal is missing.
  const form = page.getByRole("form", { name: "Write a plan" });
  await expect(form.or(page.getByRole("button", { name: "Write a new plan" }))).toBeVisible();
  if (await form.isVisible()) {
    await page.getByRole("button", { name: "Write my plan" }).click();
    await expect(page.getByText("Enter your weekly goal in km.")).toBeVisible();
  }
  await writePlan(page);
  await expect(page.getByRole("heading", { name: "Week by week, and why" })).toBeVisible();
  await expect(page.getByText(/Up from your current 20\.0 km a week: \d+% above the highest/).first()).toBeVisible();
  // A new plan is as first written: no list of changes.
  await expect(page.getByRole("heading", { name: "What changed since last time" })).toHaveCount(0);
  const grid = page.locator("table.month-grid").first();
  await expect(grid).toBeVisible();
  await expect(page.locator("table.month-grid").getByText("Long run").first()).toBeVisible();

  await page.screenshot({ path: test.info().outputPath("plan-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(grid).toBeHidden();
  await expect(page.locator(".plan-calendar .plan-list").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("plan-375x740.png"), fullPage: true });
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a plan that starts today has nothing in the days already past", async ({ page }) => {
  await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
  await page.goto("/plan");
  const rewrite = page.getByRole("button", { name: "Write a new plan" });
  await expect(page.getByRole("form", { name: "Write a plan" }).or(rewrite)).toBeVisible();
  if (await rewrite.isVisible()) await rewrite.click();
  await page.getByLabel("Weekly goal (km)").fill("30");
  await page.getByLabel(/current weekly distance/i).fill("20");
  await page.getByLabel("Your running").selectOption("regular");
  await page.getByLabel("Today (the rest of this week)").check();
  await page.getByRole("button", { name: "Write my plan" }).click();
  await expect(page.getByRole("heading", { name: "Your calendar" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What changed since last time" })).toHaveCount(0);
  const res = await page.request.get("/api/plans/active");
  const body = (await res.json()) as { plan: { plan: { weeks: { sessions: { date: string }[] }[] } } };
  const dates = body.plan.plan.weeks.flatMap((w) => w.sessions.map((x) => x.date)).sort();
  // The server's today is the runner's: within a day of the UTC date, whatever the time zone.
  const utcToday = new Date().toISOString().slice(0, 10);
  const dayBefore = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const dayAfter = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  expect([dayBefore, utcToday, dayAfter]).toContain(dates[0]);
});

test("a race too close says so first and writes the plan again for the safer date offered", async ({ page }) => {
  await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
  await page.goto("/plan");
  const rewrite = page.getByRole("button", { name: "Write a new plan" });
  await expect(page.getByRole("form", { name: "Write a plan" }).or(rewrite)).toBeVisible();
  if (await rewrite.isVisible()) await rewrite.click();
  await page.getByLabel("An event on a date").check();
  const raceDay = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Event date").fill(raceDay);
  await page.getByLabel("Event distance (km)").fill("42.195");
  await page.getByLabel(/current weekly distance/i).fill("20");
  await page.getByLabel("Your running").selectOption("regular");
  await page.getByRole("button", { name: "Write my plan" }).click();
  const alert = page.locator(".plan-too-close");
  await expect(alert.getByRole("heading", { name: "The race is too close" })).toBeVisible();
  // Said before the rest of the summary.
  const summary = page.getByRole("region", { name: "Your build-up plan" });
  await expect(summary.locator(":scope > *").nth(1)).toHaveClass(/plan-too-close/);
  await alert.getByRole("button", { name: /^Plan for .+ instead$/ }).click();
  await expect(page.getByRole("heading", { name: "The race is too close" })).toHaveCount(0);
  await expect(page.getByText(/Goal: 42\.2 km on /)).toBeVisible();
});

test("a runner who reads miles sees every distance of the plan in miles", async ({ page }) => {
  await writePlan(page, "mi");
  const calendar = page.locator(".plan-calendar");
  // The session texts and the weekly reasons were written in km; the runner reads them in miles.
  const descriptions = await calendar.locator("details.session p").allTextContents();
  const reasons = await calendar.locator(".week-reason").allTextContents();
  expect(descriptions.some((d) => /Main: \d+\.\d mi\b/.test(d))).toBe(true);
  for (const text of [...descriptions, ...reasons]) expect(text).not.toMatch(/\d km\b/);
  await expect(page.getByText(/Goal: 20\.0 mi a week/)).toBeVisible();
});

test("a plan written in km reads in miles after the switch, and in km again after switching back", async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
  await page.goto("/plan");
  const rewrite = page.getByRole("button", { name: "Write a new plan" });
  await expect(page.getByRole("form", { name: "Write a plan" }).or(rewrite)).toBeVisible();
  if (await rewrite.isVisible()) await rewrite.click();
  // A marathon three weeks away: the plan warns, and its warning, reasons and sessions name distances.
  await page.getByLabel("An event on a date").check();
  await page.getByLabel("Event date").fill(new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel("Event distance (km)").fill("42.195");
  await page.getByLabel(/current weekly distance/i).fill("20");
  await page.getByLabel("Your running").selectOption("regular");
  await page.getByRole("button", { name: "Write my plan" }).click();
  const alert = page.locator(".plan-too-close");
  await expect(alert).toContainText("a 42.2 km race asks for");
  const calendar = page.locator(".plan-calendar");
  const texts = async () => [
    ...(await calendar.locator("details.session p").allTextContents()),
    ...(await calendar.locator(".week-reason").allTextContents()),
    ...(await page.locator(".plan-notes li, .plan-warnings li, .plan-too-close p").allTextContents()),
  ];
  const inKm = await texts();
  expect(inKm.filter((t) => /\d km\b/.test(t)).length).toBeGreaterThan(3);

  const setProfileUnits = async (units: "km" | "mi") =>
    expect((await page.request.put("/api/profile", { data: { units } })).status()).toBe(200);
  try {
    await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "mi");` });
    await page.reload();
    await expect(page.getByText(/Goal: 26\.2 mi on /)).toBeVisible();
    await expect(alert).toContainText("a 26.2 mi race asks for");
    const inMiles = await texts();
    expect(inMiles).toHaveLength(inKm.length);
    for (const text of inMiles) expect(text).not.toMatch(/\d km\b/);
    expect(inMiles.filter((t) => /\d mi\b/.test(t)).length).toBe(inKm.filter((t) => /\d km\b/.test(t)).length);

    // The calendar file and the printable report follow the profile's units.
    await setProfileUnits("mi");
    const ics = await (await page.request.get("/api/plans/active.ics")).text();
    expect(ics).toContain("Race 26.2 mi");
    expect(ics.replace(/\r\n /g, "")).not.toMatch(/\d km\b/);
    await page.goto("/report");
    const section = page.getByRole("region", { name: /Current plan/ });
    await expect(section.locator(".report-week").first()).toBeVisible();
    await expect(section).toContainText(" mi");
    expect(await section.textContent()).not.toMatch(/\d km\b/);

    await setProfileUnits("km");
    await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
    await page.goto("/plan");
    await expect(alert).toContainText("a 42.2 km race asks for");
    expect(await texts()).toEqual(inKm);
  } finally {
    await setProfileUnits("km");
  }
});

test("the subscription link serves the plan without a cookie until it is revoked", async ({
  page,
  baseURL,
}) => {
  await writePlan(page);
  await page.getByRole("button", { name: /Make (a subscription link|a new link)/ }).click();
  const url = await page.getByLabel(/Your subscription address/).inputValue();
  expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const outsider = await playwrightRequest.newContext({ baseURL: baseURL! });
  try {
    const feed = await outsider.get(new URL(url).pathname);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain("BEGIN:VEVENT");

    await page.getByRole("button", { name: "Revoke link" }).click();
    await page.getByRole("button", { name: "Yes, revoke it" }).click();
    await expect(page.getByRole("status")).toContainText("revoked");
    expect((await outsider.get(new URL(url).pathname)).status()).toBe(404);
  } finally {
    await outsider.dispose();
  }
});

test("/plan with a plan has no accessibility violations", async ({ page }) => {
  test.setTimeout(90_000);
  await writePlan(page);
  expect(await axeViolations(page)).toEqual([]);
});

test("/report has no accessibility violations", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/report");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

const SECTION_TITLES = [
  "Risk picture",
  "Training load",
  "Shoes",
  "Pain diary",
  "Latest knee assessment",
  "Current plan",
];

test("the report prints to PDF with every section, and printing hides the navigation", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await writePlan(page);
  await page.goto("/report");
  for (const title of SECTION_TITLES)
    await expect(page.getByRole("heading", { name: new RegExp(`^${title}`) })).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();

  const pdf = await page.pdf({ format: "A4", printBackground: false });
  expect(pdf.length).toBeGreaterThan(5_000);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // pdftotext (poppler-utils) reads the text back when the machine has it; the PDF checks above stand without it.
  if (hasBinary("pdftotext")) {
    const file = path.join(os.tmpdir(), `kneewise-report-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    try {
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const title of SECTION_TITLES) expect(text).toContain(title);
      expect(text).not.toContain("Community");
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
});

test.describe("in a browser that reads en-GB", () => {
  test.use({ locale: "en-GB" });

  test("the plan's race and warning sentences write their days as D Mon YYYY, not YYYY-MM-DD", async ({ page }) => {
    await page.addInitScript({ content: `localStorage.setItem("kneewise.units", "km");` });
    await page.goto("/plan");
    const rewrite = page.getByRole("button", { name: "Write a new plan" });
    await expect(page.getByRole("form", { name: "Write a plan" }).or(rewrite)).toBeVisible();
    if (await rewrite.isVisible()) await rewrite.click();
    const raceDay = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const inWords = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${raceDay}T00:00:00Z`),
    );
    await page.getByLabel("An event on a date").check();
    await page.getByLabel("Event date").fill(raceDay);
    await page.getByLabel("Event distance (km)").fill("42.195");
    await page.getByLabel(/current weekly distance/i).fill("20");
    await page.getByLabel("Your running").selectOption("regular");
    await page.getByRole("button", { name: "Write my plan" }).click();
    const alert = page.locator(".plan-too-close p").first();
    await expect(alert).toContainText(`The race on ${inWords} is too close`);
    await expect(page.locator(".plan-calendar .week-reason").last()).toContainText(`race on ${inWords}.`);
    const sentences = [
      ...(await page.locator(".plan-calendar .week-reason").allTextContents()),
      ...(await page.locator(".plan-warnings li, .plan-too-close p").allTextContents()),
    ];
    for (const text of sentences) expect(text).not.toMatch(/\d{4}-\d\d-\d\d/);
  });
});
