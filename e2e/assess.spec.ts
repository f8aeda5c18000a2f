import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    ),
    where,
  ).toEqual([]);
}

async function next(page: Page) {
  await page.getByRole("button", { name: /^(Next|See my result)$/ }).click();
}

async function expectStep(page: Page, n: number, title: string) {
  await expect(page.getByText(`Step ${n} of 7`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
}

/** A runner with a gradual ache around the kneecap on stairs and squats after running more. */
async function answerRunnersKnee(page: Page, opts: { axe: boolean }) {
  const check = async (where: string) => {
    if (opts.axe) await expectNoAxeViolations(page, where);
  };
  await expectStep(page, 1, "Warning signs first");
  await check("step 1");
  await page.getByLabel("Your age in years").fill("31");
  await page.getByRole("checkbox", { name: "None of these" }).check();
  await next(page);

  await expectStep(page, 2, "Swelling and how it started");
  await check("step 2");
  await page.getByRole("radio", { name: "No swelling" }).check();
  await page.getByRole("radio", { name: "It crept up over days or weeks" }).check();
  await next(page);

  await expectStep(page, 3, "Where it hurts");
  await check("step 3");
  // The kneecap sits inside the ring around it: tap the ring's top edge.
  const ring = page.getByRole("button", { name: "Front view: around or behind the kneecap" });
  const box = await ring.boundingBox();
  await ring.click({ position: { x: (box?.width ?? 0) / 2, y: 5 } });
  await expect(ring).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("radio", { name: "Right knee" }).check();
  await next(page);

  await expectStep(page, 4, "What brings it on");
  await check("step 4");
  for (const name of ["Going down stairs", "Squatting or deep knee bends", "Running downhill"]) {
    await page.getByRole("checkbox", { name }).check();
  }
  await next(page);

  await expectStep(page, 5, "More about the knee");
  await check("step 5");
  await page.getByRole("radio", { name: "No stiffness in the morning" }).check();
  await next(page);

  await expectStep(page, 6, "How long and how bad");
  await check("step 6");
  await page.getByRole("radio", { name: "Two to six weeks" }).check();
  await page.getByRole("radio", { name: "4", exact: true }).check();
  await next(page);

  await expectStep(page, 7, "Training and health");
  await check("step 7");
  await page.getByRole("checkbox", { name: "Ran more distance or for longer" }).check();
  await page.getByRole("radio", { name: "Female" }).check();
  await next(page);
}

test("an emergency answer stops the questions at once and shows the emergency advice", async ({
  page,
}) => {
  await page.goto("/assess");
  await page.getByLabel("Your age in years").fill("45");
  await page.getByRole("checkbox", { name: /New breathlessness or chest pain/ }).check();
  await next(page);
  const alert = page.getByRole("alert");
  await expect(alert.getByRole("heading", { name: /Emergency/ })).toBeVisible();
  await expect(alert).toContainText("emergency");
  await expect(alert).toContainText("clot has reached the lungs");
  await expect(page.getByText(/Step \d of 7/)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Swelling and how it started" })).toHaveCount(0);
  await expect(page.getByText("This is not a diagnosis.")).toBeVisible();
});

test("on a phone the full flow reaches a saved result with a triage level, the safety line and article links", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/assess");
  await answerRunnersKnee(page, { axe: false });
  await expect(page).toHaveURL(/\/assess\/result\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Self-care", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: "Self-care is reasonable" }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /Most likely: Patellofemoral pain/ }),
  ).toBeVisible();
  await expect(page.getByText("This is not a diagnosis.")).toBeVisible();
  await expect(page.getByText("When to see a clinician:")).toBeVisible();
  await expect(page.getByRole("link", { name: /Read: Patellofemoral pain/ })).toHaveAttribute(
    "href",
    "/learn/patellofemoral-pain",
  );
  await expect(
    page.getByRole("link", { name: /Exercise programme: Runner's knee/ }),
  ).toHaveAttribute("href", "/exercises/patellofemoral-pain");
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByRole("link", { name: "assessment history" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your assessment history" }),
  ).toBeVisible();
  await expect(page.getByText("Self-care is reasonable")).toBeVisible();
});

test("the knee diagram works from the keyboard alone", async ({ page }) => {
  await page.goto("/assess");
  await page.getByLabel("Your age in years").fill("28");
  await page.getByRole("checkbox", { name: "None of these" }).check();
  await page.keyboard.press("Enter");
  await page.getByRole("radio", { name: "No swelling" }).check();
  await page.getByRole("radio", { name: "It crept up over days or weeks" }).check();
  await page.keyboard.press("Enter");
  await expectStep(page, 3, "Where it hurts");

  const outer = page.getByRole("button", { name: "Front view: the outer side of the knee" });
  await outer.focus();
  await page.keyboard.press("Enter");
  await expect(outer).toHaveAttribute("aria-pressed", "true");
  // The same place in the side view is the same answer.
  await expect(
    page.getByRole("button", { name: "Side (outer side) view: the outer side of the knee" }),
  ).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Tab");
  const around = page.getByRole("button", { name: "Front view: around or behind the kneecap" });
  await expect(around).toBeFocused();
  await page.keyboard.press("Space");
  await expect(around).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Space");
  await expect(around).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("You marked:")).toBeVisible();
  await expect(page.getByText("The outer side of the knee", { exact: true })).toBeVisible();
});

test("every step, the result, the emergency stop, the history and the profile have no accessibility violations", async ({
  page,
}) => {
  // axe is CPU-heavy; on a shared two-core machine ten pages take a while.
  test.setTimeout(240_000);
  await page.goto("/assess");
  await answerRunnersKnee(page, { axe: true });
  await expect(page).toHaveURL(/\/assess\/result\//);
  await expect(page.getByRole("heading", { name: "Self-care is reasonable" })).toBeVisible();
  await expectNoAxeViolations(page, "result");

  await page.goto("/assess/history");
  await expect(
    page.getByRole("heading", { level: 1, name: "Your assessment history" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: /\d/ }).first()).toBeVisible();
  await expectNoAxeViolations(page, "history");

  await page.goto("/profile");
  await expect(page.getByRole("button", { name: "Save profile" })).toBeVisible();
  await expectNoAxeViolations(page, "profile");

  // Saving cleared the draft, so the questions start afresh.
  await page.goto("/assess");
  await expectStep(page, 1, "Warning signs first");
  await page.getByLabel("Your age in years").fill("60");
  await page.getByRole("checkbox", { name: /fever, shivers/ }).check();
  await page.getByRole("checkbox", { name: /hot or red/ }).check();
  await next(page);
  await expect(page.getByRole("alert").getByRole("heading", { name: /Emergency/ })).toBeVisible();
  await expectNoAxeViolations(page, "emergency stop");
});

test("the runner profile saves and keeps the distance units in step", async ({ page }) => {
  await page.goto("/profile");
  await page.getByRole("radio", { name: /Coming back/ }).check();
  await page.getByRole("radio", { name: /Flat foot/ }).check();
  await page.getByRole("checkbox", { name: "Trails and paths" }).check();
  await page.getByRole("checkbox", { name: /Outer hip and thigh/ }).check();
  await page.getByLabel("Your week starts on").selectOption("Sunday");
  await page.getByRole("radio", { name: "Miles" }).check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your weekly build-up guide is now 5%")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByLabel("miles")).toBeChecked();
  await page.goto("/profile");
  await expect(page.getByRole("radio", { name: /Flat foot/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Trails and paths" })).toBeChecked();
  await expect(page.getByLabel("Your week starts on")).toHaveValue("0");
  // The profile feeds the advice: shoe advice for a flat foot, and a start for the tight outer hip.
  const advice = page.getByRole("region", { name: "Advice from your profile" });
  await expect(advice).toContainText("Flat foot");
  await expect(advice.getByRole("listitem").filter({ hasText: "for tight outer thigh and hip" }).first()).toBeVisible();
});
