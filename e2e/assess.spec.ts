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

/** The answers the questionnaire sends when the current step's button is pressed. */
async function nextSending(page: Page): Promise<{ signs: string[]; medical_history?: string[]; tender_spots?: string[]; age_related_flags?: string[]; pain_locations: string[] }> {
  const request = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/assessments");
  await page.getByRole("button", { name: /^(Next|See my result|See the advice now)$/ }).click();
  return (await request).postDataJSON() as Awaited<ReturnType<typeof nextSending>>;
}

async function startAdult(page: Page, age: string) {
  await page.goto("/assess");
  await page.getByLabel("Your age in years").fill(age);
  await page.getByRole("checkbox", { name: "None of these" }).check();
  await next(page);
  await expectStep(page, 2, "Swelling and how it started");
}

/** The emergency stop: the questions are gone and the level is said in words. */
async function expectEmergencyStop(page: Page) {
  const alert = page.getByRole("alert");
  await expect(alert.getByText("Emergency", { exact: true })).toBeVisible();
  // The flag's own instructions lead.
  await expect(alert.getByText("What to do now:").first()).toBeVisible();
  await expect(page.getByText(/Step \d of 7/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Next|See my result|See the advice now)$/ })).toHaveCount(0);
}

const KNEECAP_AROUND = "Around the edges of the kneecap, or deep behind it";
const KNEECAP_FRONT = "On the front surface of the kneecap, where you kneel";

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
  // The middle of the kneecap in the front view is "around or behind the kneecap".
  await page.locator('[data-view="front"] [data-place="anterior_around_behind_kneecap"]').click();
  await expect(page.getByRole("checkbox", { name: KNEECAP_AROUND })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: KNEECAP_FRONT })).not.toBeChecked();
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
  await expect(page.getByRole("complementary", { name: "Not a diagnosis" })).toBeVisible();
  // The emergency carries no general "when to be seen" paragraph that could contradict it.
  await expect(page.getByText("When to see a clinician:")).toHaveCount(0);
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
  await expect(page.getByRole("complementary", { name: "Not a diagnosis" })).toBeVisible();
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

test("the knee diagram is labelled, and its numbered list works from the keyboard alone", async ({ page }) => {
  await page.goto("/assess");
  await page.getByLabel("Your age in years").fill("28");
  await page.getByRole("checkbox", { name: "None of these" }).check();
  await page.keyboard.press("Enter");
  await page.getByRole("radio", { name: "No swelling" }).check();
  await page.getByRole("radio", { name: "It crept up over days or weeks" }).check();
  await page.keyboard.press("Enter");
  await expectStep(page, 3, "Where it hurts");

  // Every place drawn carries the number of its labelled line in the list.
  const places = page.locator("[data-place]");
  const count = await places.count();
  expect(count).toBeGreaterThanOrEqual(9);
  for (let i = 0; i < count; i += 1) {
    const place = places.nth(i);
    const title = await place.locator("title").textContent();
    await expect(page.getByRole("checkbox", { name: title ?? "(no title)", exact: true })).toHaveCount(1);
  }

  const outer = page.getByRole("checkbox", { name: "The outer side of the knee" });
  await outer.focus();
  await page.keyboard.press("Space");
  await expect(outer).toBeChecked();
  // The same place in both views it is drawn in is the same answer.
  await expect(page.locator('[data-view="front"] [data-place="lateral"]')).toHaveClass(/selected/);
  await expect(page.locator('[data-view="side"] [data-place="lateral"]')).toHaveClass(/selected/);
  await page.keyboard.press("Shift+Tab");
  const around = page.getByRole("checkbox", { name: "Just below the kneecap, on the tendon or the bump of the shin" });
  await expect(around).toBeFocused();
  await page.keyboard.press("Space");
  await expect(around).toBeChecked();
  await page.keyboard.press("Space");
  await expect(around).not.toBeChecked();
  await expect(page.locator('[data-view="front"] [data-place="below_kneecap"]')).not.toHaveClass(/selected/);
  // Tapping a drawn place ticks its line.
  await page.locator('[data-view="back"] [data-place="posterior"]').click();
  await expect(page.getByRole("checkbox", { name: "The back of the knee" })).toBeChecked();
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

test.describe("adaptive questions (contract 1.1)", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("after an injury the X-ray questions appear, and a change of start takes them and their answers away", async ({ page }) => {
    await startAdult(page, "35");
    const injurySigns = page.getByRole("group", { name: "Since the injury, is any of these true?" });
    const injuryTender = page.getByRole("group", { name: /is any of these spots sore\?/ });
    await expect(injurySigns).toHaveCount(0);
    await page.getByRole("radio", { name: "No swelling" }).check();
    await page.getByRole("radio", { name: "It started with a clear injury" }).check();
    await expect(injurySigns).toBeVisible();
    await expect(injuryTender).toBeVisible();
    for (const name of [/can't bend the knee as far as a right angle/, /can't raise the leg with the knee kept straight/, /kneecap slipped out of place/]) {
      await expect(injurySigns.getByRole("checkbox", { name })).toBeVisible();
    }
    await expect(injuryTender.getByRole("checkbox", { name: "The bony knob on the outer side, just below the knee" })).toBeVisible();
    await expectNoAxeViolations(page, "injury follow-up");

    await page.getByRole("radio", { name: "The knee was hit, or I fell onto it" }).check();
    await injurySigns.getByRole("checkbox", { name: /right angle/ }).check();
    await injuryTender.getByRole("checkbox", { name: /bony knob on the outer side/ }).check();
    const injured = await nextSending(page);
    expect(injured.signs).toContain("cannot_bend_to_right_angle");
    expect(injured.tender_spots).toEqual(["fibular_head"]);
    // Ottawa: a knee that will not bend to a right angle in the first week needs an X-ray today.
    await expectStep(page, 3, "Where it hurts");
    await expect(page.getByRole("status")).toContainText("be seen by a clinician today");

    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("radio", { name: "It crept up over days or weeks" }).check();
    await expect(injurySigns).toHaveCount(0);
    await expect(injuryTender).toHaveCount(0);
    const gradual = await nextSending(page);
    // Asked only after an injury, so no longer sent...
    expect(gradual.signs).not.toContain("cannot_bend_to_right_angle");
    // ...while a sore spot is kept: the knee step lists it, ticked, for every runner.
    expect(gradual.tender_spots).toEqual(["fibular_head"]);
    await page.getByRole("checkbox", { name: KNEECAP_AROUND }).check();
    await next(page);
    await next(page);
    await expectStep(page, 5, "More about the knee");
    await expect(page.getByRole("radio", { name: "I tried: some spots are sore" })).toBeChecked();
    await expect(page.getByRole("group", { name: "Which spots are sore to press?" }).getByRole("checkbox", { name: /bony knob on the outer side/ })).toBeChecked();
    // A calf that is only sore to press brings the clot questions here.
    const clot = page.getByRole("group", { name: /With pain in the calf or behind the knee/ });
    await expect(clot).toHaveCount(0);
    const spots = page.getByRole("group", { name: "Which spots are sore to press?" });
    await spots.getByRole("checkbox", { name: "The calf", exact: true }).check();
    await expect(clot).toBeVisible();
    await spots.getByRole("checkbox", { name: "The calf", exact: true }).uncheck();
    await expect(clot).toHaveCount(0);
    // Without an injury the kneecap question is asked with the other signs.
    await expect(page.getByRole("group", { name: "Have you noticed any of these?" }).getByRole("checkbox", { name: /kneecap slipped out of place/ })).toBeVisible();
  });

  test("calf or back-of-knee pain brings the clot questions, groin pain the bone-stress ones, each asked once", async ({ page }) => {
    await startAdult(page, "29");
    await page.getByRole("radio", { name: "No swelling" }).check();
    await page.getByRole("radio", { name: "It crept up over days or weeks" }).check();
    await next(page);
    await expectStep(page, 3, "Where it hurts");
    const clot = page.getByRole("group", { name: /With pain in the calf or behind the knee/ });
    const hip = page.getByRole("group", { name: /With pain in the hip, groin or thigh/ });
    await expect(clot).toHaveCount(0);
    await expect(hip).toHaveCount(0);

    await page.getByRole("checkbox", { name: "The calf, below the knee" }).check();
    await expect(clot).toBeVisible();
    for (const name of [/long flight or drive/, "Hormonal contraception or HRT", /blood clot before/, "Cancer now or recently", /Pregnant now/]) {
      await expect(clot.getByRole("checkbox", { name })).toBeVisible();
    }
    await clot.getByRole("checkbox", { name: "Hormonal contraception or HRT" }).check();
    await page.getByRole("checkbox", { name: "The calf, below the knee" }).uncheck();
    await expect(clot).toHaveCount(0);
    // The back of the knee counts too, and the tick is still there.
    await page.locator('[data-view="back"] [data-place="posterior"]').click();
    await expect(clot.getByRole("checkbox", { name: "Hormonal contraception or HRT" })).toBeChecked();
    await page.getByRole("checkbox", { name: "The back of the knee" }).uncheck();
    await expect(clot).toHaveCount(0);

    await page.getByRole("checkbox", { name: "The hip, groin or thigh" }).check();
    await expect(hip).toBeVisible();
    await expect(hip.getByRole("checkbox", { name: /Not eating enough for my training/ })).toBeVisible();
    await expect(hip.getByRole("checkbox", { name: "A stress fracture in the past" })).toBeVisible();
    await expect(hip.getByRole("checkbox", { name: "Osteoporosis or low bone density" })).toBeVisible();
    await expectNoAxeViolations(page, "hip follow-up");
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);

    await hip.getByRole("checkbox", { name: /Not eating enough for my training/ }).check();
    const sent = await nextSending(page);
    // The clot risk went with its trigger; the fuelling answer is sent.
    expect(sent.medical_history ?? []).not.toContain("hormonal_contraception_or_hrt");
    expect(sent.medical_history).toEqual(["low_energy_availability_or_missed_periods"]);
    // Groin pain in an under-fuelled runner: a stress fracture of the hip is checked today.
    await expectStep(page, 4, "What brings it on");
    await expect(page.getByRole("status")).toContainText("be seen by a clinician today");

    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("checkbox", { name: "The calf, below the knee" }).check();
    await expect(clot.getByRole("checkbox", { name: "Hormonal contraception or HRT" })).toBeChecked();
    await expectNoAxeViolations(page, "clot and hip follow-ups");
    const withClotRisk = await nextSending(page);
    expect(withClotRisk.medical_history).toEqual(expect.arrayContaining(["hormonal_contraception_or_hrt", "low_energy_availability_or_missed_periods"]));

    for (let n = 4; n <= 6; n += 1) {
      if (n === 6) await page.getByRole("radio", { name: "A few days" }).check();
      await next(page);
    }
    await expectStep(page, 7, "Training and health");
    const health = page.getByRole("group", { name: "Anything in your health background?" });
    await expect(health.getByRole("checkbox", { name: "An earlier knee injury" })).toBeVisible();
    // Asked already beside the pain map, so not asked again...
    for (const name of [/Not eating enough/, "A stress fracture in the past", "Cancer now or recently", "Hormonal contraception or HRT"]) {
      await expect(page.getByRole("checkbox", { name })).toHaveCount(0);
    }
    await expect(page.getByRole("checkbox", { name: "Osteoporosis or low bone density" })).toHaveCount(0);
  });

  test("a child with a limp goes from the warning signs straight to the answer", async ({ page }) => {
    await page.goto("/assess");
    await page.getByLabel("Your age in years").fill("6");
    const fast = page.getByRole("region", { name: /child or teenager with a limp or a fever/ });
    await expect(fast).toHaveCount(0);
    await page.getByRole("checkbox", { name: "I'm walking with a limp" }).check();
    await expect(fast).toBeVisible();
    await expect(page.getByRole("button", { name: "See the advice now" })).toBeVisible();
    await page.getByRole("checkbox", { name: "I'm walking with a limp" }).uncheck();
    await expect(fast).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Next" })).toBeVisible();

    await page.getByRole("checkbox", { name: "I'm walking with a limp" }).check();
    await expectNoAxeViolations(page, "child fast path");
    await fast.getByRole("radio", { name: "No swelling" }).check();
    await page.getByRole("button", { name: "See the advice now" }).click();
    await expect(page).toHaveURL(/\/assess\/result\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Urgent", { exact: true })).toBeVisible();
    await expect(page.getByText(/Step \d of 7/)).toHaveCount(0);
    await expect(page.getByRole("complementary", { name: "Not a diagnosis" })).toHaveCount(1);
    await expectNoAxeViolations(page, "child result");
  });

  test("a child's answers that make it an emergency stop the questions there", async ({ page }) => {
    // A limping 12-year-old who cannot stand on the leg and hurts in the thigh: a slipped hip growth plate.
    await page.goto("/assess");
    await page.getByLabel("Your age in years").fill("12");
    await page.getByRole("checkbox", { name: "I'm walking with a limp" }).check();
    await page.getByRole("checkbox", { name: /can't take four steps/ }).check();
    const fast = page.getByRole("region", { name: /child or teenager with a limp or a fever/ });
    await fast.getByRole("checkbox", { name: "It also hurts in the hip, groin or thigh" }).check();
    await page.getByRole("button", { name: "See the advice now" }).click();
    await expectEmergencyStop(page);

    // A feverish child: an emergency on the fever and the age alone.
    await page.getByRole("button", { name: /go back to my answers/ }).click();
    await page.getByLabel("Your age in years").fill("9");
    await fast.getByRole("checkbox", { name: "It also hurts in the hip, groin or thigh" }).uncheck();
    for (const name of ["I'm walking with a limp", /can't take four steps/]) await page.getByRole("checkbox", { name }).uncheck();
    await page.getByRole("checkbox", { name: /fever, shivers/ }).check();
    await page.getByRole("button", { name: "See the advice now" }).click();
    await expectEmergencyStop(page);
  });

  test("fever after knee surgery, or numbness in the saddle area, shows the emergency stop first", async ({ page }) => {
    await page.goto("/assess");
    await page.getByLabel("Your age in years").fill("52");
    const fever = page.getByRole("group", { name: "With the fever: do any of these apply?" });
    await expect(fever).toHaveCount(0);
    await page.getByRole("checkbox", { name: /fever, shivers/ }).check();
    await expect(fever).toBeVisible();
    await fever.getByRole("checkbox", { name: "Knee surgery in the past" }).check();
    await expectNoAxeViolations(page, "fever follow-up");
    await next(page);
    await expectEmergencyStop(page);
    await expectNoAxeViolations(page, "emergency stop after surgery");

    // Without the operation a fever is a same-day visit, and the questions go on.
    await page.getByRole("button", { name: /go back to my answers/ }).click();
    await fever.getByRole("checkbox", { name: "Knee surgery in the past" }).uncheck();
    await next(page);
    await expectStep(page, 2, "Swelling and how it started");
    await expect(page.getByRole("status")).toContainText("be seen by a clinician today");

    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("checkbox", { name: /fever, shivers/ }).uncheck();
    await page.getByRole("checkbox", { name: /Numb between the legs or around the bottom/ }).check();
    await next(page);
    await expectEmergencyStop(page);
    await expectNoAxeViolations(page, "emergency stop, saddle numbness");
  });
});
