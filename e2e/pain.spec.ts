import { expect, test } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

const PROGRAMME = "/programme/patellofemoral-pain";

// The shared e2e server is one runner's: this spec's pain entries would otherwise steer the plan
// spec's adaptation (pain above 3/10 in the last seven days), depending on the hour it runs.
test.afterAll(async ({ request }) => {
  const res = await request.get("/api/pain");
  expect(res.ok()).toBe(true);
  const { entries } = (await res.json()) as { entries: { date: string }[] };
  for (const e of entries) expect((await request.delete(`/api/pain/${e.date}`)).ok()).toBe(true);
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
