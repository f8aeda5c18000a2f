import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { startOwnServer } from "./own-server.js";
import type { OwnServer } from "./own-server.js";

const PROGRAMME = "/programme/patellofemoral-pain";

// The shared e2e server is one runner's: this spec's pain entries would otherwise steer the plan
// spec's adaptation (pain above 3/10 in the last seven days), depending on the hour it runs.
// Absolute URLs: the hook runs after the last test, whose baseURL is the walk-run server's below.
const SHARED = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3999)}`;
test.afterAll(async ({ request }) => {
  const res = await request.get(`${SHARED}/api/pain`);
  expect(res.ok()).toBe(true);
  const { entries } = (await res.json()) as { entries: { date: string }[] };
  for (const e of entries)
    expect((await request.delete(`${SHARED}/api/pain/${e.date}`)).ok()).toBe(true);
});

test("a runner logs today's pain on a phone and sees the traffic light", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/pain");
  await expect(page.getByRole("heading", { level: 1, name: "Pain diary" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No light yet" })).toBeVisible();

  await page
    .getByRole("group", { name: "During the run" })
    .getByRole("radio", { name: "2", exact: true })
    .check();
  await page
    .getByRole("group", { name: "After the run" })
    .getByRole("radio", { name: "4", exact: true })
    .check();
  await page.getByText("Where it hurt, what set it off, notes").click();
  await page.getByRole("checkbox", { name: "Outer side of the knee" }).check();
  await page.getByRole("checkbox", { name: "Downhills" }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();

  // Pain of 4 is acceptable, not safe: the light says so in words, with its decision.
  const light = page.getByRole("region", { name: /Amber/ });
  await expect(
    light.getByRole("heading", { name: "Amber: hold your training where it is" }),
  ).toBeVisible();
  await expect(light).toContainText("Decision: Hold");
  await expect(light).toContainText("3 to 5");
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Delete, then undo: the entry and the light come back.
  await page
    .getByRole("button", { name: /^Delete / })
    .first()
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted the entry" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No light yet" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(
    page.getByRole("heading", { name: "Amber: hold your training where it is" }),
  ).toBeVisible();
  await expect(
    page
      .getByRole("group", { name: "After the run" })
      .getByRole("radio", { name: "4", exact: true }),
  ).toBeChecked();
});

test("the diary tells the runner to see a clinician when the knee gives way, first and on a phone", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/pain");
  await expect(page.getByRole("heading", { level: 1, name: "Pain diary" })).toBeVisible();
  const notice = page.getByRole("region", { name: "See a clinician about this knee" });
  await expect(
    page.getByRole("heading", { name: /^(How is the knee\?|Edit the entry)$/ }),
  ).toBeVisible();
  await expect(notice).toHaveCount(0);

  const gaveWay = page.getByRole("checkbox", { name: "The knee gave way (buckled)" });
  await page
    .getByRole("group", { name: "During the run" })
    .getByRole("radio", { name: "1", exact: true })
    .check();
  await gaveWay.check();
  await page.getByRole("button", { name: /^Save/ }).click();

  // The escalation names the pattern and its day, says what to do and that it is no diagnosis.
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("The knee gave way on");
  await expect(notice).toContainText("GP or a physiotherapist");
  await expect(notice).toContainText("not a diagnosis");
  // Prominent: above the entry form and the light, and the light no longer says progress.
  const noticeTop = (await notice.boundingBox())?.y ?? Infinity;
  const formTop = (await page.locator(".pain-form").boundingBox())?.y ?? -Infinity;
  expect(noticeTop).toBeLessThan(formTop);
  const light = page.locator(".traffic-light");
  await expect(light).not.toContainText("Decision: Progress");
  await expect(light).toContainText("See a clinician about this knee");
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    ),
  ).toEqual([]);

  // Saving the day without the tick takes the escalation away again.
  await gaveWay.uncheck();
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved for" })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

for (const path of ["/pain", PROGRAMME]) {
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

test("a programme session is logged and the programme prints without the navigation", async ({
  page,
}) => {
  await page.goto(PROGRAMME);
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toContainText(/knee/i);
  const titleText = (await title.textContent()) ?? "";
  await expect(page.locator("[aria-current=step]")).toContainText("You are here");
  const firstExercise = page.locator(".stage").first().getByRole("link").first();
  await expect(firstExercise).toHaveAttribute("href", /^\/exercises\/[a-z0-9-]+$/);

  const form = page.getByRole("form", { name: "Log today's session" });
  await form.getByRole("checkbox").first().check();
  await form.getByLabel("Pain during the session (0-10)").selectOption("2");
  await form.getByRole("button", { name: "Log session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Session logged." })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Sessions done, as a table" }).getByRole("row"),
  ).toHaveCount(2);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator("#site-nav")).toBeHidden();
  await expect(form).toBeHidden();
  await expect(page.getByRole("button", { name: "Print this programme" })).toBeHidden();
  await expect(title).toBeVisible();

  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(5_000);
  // Chromium writes the document title into the PDF's info dictionary (UTF-16 hex when not ASCII).
  const raw = pdf.toString("latin1");
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(raw)?.[1];
  const pdfTitle = hex
    ? Buffer.from(hex, "hex").swap16().toString("utf16le")
    : (/\/Title\s*\(([^)]*)\)/.exec(raw)?.[1] ?? "");
  expect(pdfTitle).toContain(titleText.trim());
});

// The walk-run return's entry criteria and its stop, on a server of their own: a stopped return
// plan and red diary days would change what the plan spec sees on the shared one.
test.describe("the walk-run return knows when to stop", () => {
  const PORT = Number(process.env.E2E_RETURN_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 9);
  let own: OwnServer | undefined;
  test.use({ baseURL: `http://127.0.0.1:${PORT}` });
  test.beforeAll(async () => {
    own = await startOwnServer("return", PORT);
  });
  test.afterAll(() => own?.stop());

  const daysAgo = (n: number): string =>
    new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  test("it cannot start until the criteria are ticked, and stops itself on two red days", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/plan");
    await page.getByRole("radio", { name: "Walk-run return after knee pain" }).check();
    const criteria = page.getByRole("group", {
      name: "Before you start: tick each one that is true",
    });
    await expect(criteria).toBeVisible();
    const write = page.getByRole("button", { name: "Write my plan" });
    const walk = criteria.getByRole("checkbox", { name: /walk briskly for 30 minutes/ });
    const hop = criteria.getByRole("checkbox", { name: /hop again and again on the sore leg/ });
    const clearance = criteria.getByRole("checkbox", { name: /A clinician has examined my knee/ });
    await expect(write).toBeDisabled();
    await walk.check();
    await expect(write).toBeDisabled();
    await hop.check();
    await expect(write).toBeEnabled();
    // The runner says a stress fracture was suspected: clearance joins the list and is needed.
    await expect(clearance).toHaveCount(0);
    await criteria.getByRole("checkbox", { name: /stress fracture/ }).check();
    await expect(clearance).toBeVisible();
    await expect(write).toBeDisabled();
    await expect(criteria).toContainText("1 still to tick");
    await clearance.check();
    await expect(write).toBeEnabled();
    await page.getByLabel("Start (optional)").fill(daysAgo(3));
    await write.click();
    await expect(page.getByRole("heading", { name: "Your walk-run return" })).toBeVisible();

    // Two red days in the diary since the start: the plan stops and says to see a clinician.
    for (const day of [daysAgo(3), daysAgo(1)]) {
      const res = await request.put(`/api/pain/${day}`, { data: { during: 7, after: 6 } });
      expect(res.ok()).toBe(true);
    }
    await page.reload();
    const stopped = page.getByRole("region", {
      name: "Stopped: see a clinician before you run again",
    });
    await expect(stopped).toBeVisible();
    await expect(stopped).toContainText("turned red twice");
    await expect(page.getByRole("region", { name: "Upcoming sessions" })).toContainText(
      "None while the plan is stopped",
    );
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      ),
    ).toEqual([]);

    // Resuming needs the clearance ticked.
    const resume = stopped.getByRole("button", { name: "Resume the walk-run return" });
    await expect(resume).toBeDisabled();
    await stopped.getByRole("checkbox", { name: /cleared me to run again/ }).check();
    await resume.click();
    await expect(stopped).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Stops so far" })).toContainText("resumed on");
  });
});
