import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

/*
 * Sharing needs several accounts, and the shared e2e server runs in single-user mode. This spec
 * starts its own multi-user server from the same build (bin/kneewise.js serve --multi-user) on
 * its own port and a throwaway SQLite file, and stops it afterwards.
 */
const PORT = Number(process.env.E2E_COACH_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "kneewise-e2e-coach-"));
let server: ChildProcess | null = null;
/** The server's log (stdout): without SMTP it holds the emails, sign-up links among them. */
let log = "";

/** The token of the newest sign-up or verification link the server "emailed" to `email`. */
async function emailedToken(email: string): Promise<string> {
  const find = () => {
    const lines = log.split("\n").filter((l) => l.includes(`"to":"${email.toLowerCase()}"`) && l.includes("#verify="));
    return /#verify=([\w-]+)/.exec(lines.at(-1) ?? "")?.[1] ?? null;
  };
  await expect.poll(find).not.toBeNull();
  return find()!;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the multi-user server on ${BASE} did not start`);
}

test.beforeAll(async () => {
  server = spawn(process.execPath, ["bin/kneewise.js", "serve", "--multi-user", "--port", String(PORT), "--db", path.join(dbDir, "coach.db")], {
    // Unsent emails are logged as warnings, so "warn" keeps them and little else.
    env: { ...process.env, KNEEWISE_LOG_LEVEL: "warn", KNEEWISE_PUBLIC_URL: BASE },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  await waitForHealth();
  // Signing up makes no admin: the operator makes this first account one on the command line.
  const res = await fetch(`${BASE}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.org", password: "a long enough password", displayName: "Admin" }),
  });
  expect(res.status).toBe(202);
  const made = await fetch(`${BASE}/api/auth/verify-email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: await emailedToken("admin@example.org") }),
  });
  expect(made.status).toBe(200);
  const grant = spawnSync(process.execPath, ["bin/kneewise.js", "admin", "grant", "admin@example.org", "--db", path.join(dbDir, "coach.db")], { encoding: "utf8" });
  expect(grant.status, grant.stderr).toBe(0);
});

test.afterAll(() => {
  server?.kill();
  fs.rmSync(dbDir, { recursive: true, force: true });
});

/**
 * A browser context signed in as a new account, through the real endpoints: the sign-up, then
 * the link from the email (read from the server's log, as an operator without SMTP would).
 */
async function signedIn(
  browser: Browser,
  name: string,
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const context = await browser.newContext({ baseURL: BASE, ...(viewport ? { viewport } : {}) });
  const email = `${name.toLowerCase()}-${Date.now()}@example.org`;
  const res = await context.request.post("/api/auth/signup", {
    data: { email, password: "a long enough password", displayName: name },
  });
  expect(res.status()).toBe(202);
  const made = await context.request.post("/api/auth/verify-email", { data: { token: await emailedToken(email) } });
  expect(made.status()).toBe(200);
  return { context, page: await context.newPage(), email };
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("a runner shares by link, the coach sees and annotates them, and loses access the moment the runner stops sharing", async ({ browser }) => {
  test.setTimeout(120_000);
  const runner = await signedIn(browser, "Ada");
  const coach = await signedIn(browser, "Cole");

  // The runner makes a link with notes access.
  await runner.page.goto("/sharing");
  await expect(runner.page.getByRole("heading", { level: 1, name: "Share with a coach" })).toBeVisible();
  await expect(runner.page.getByText("No one. Your data is yours alone.")).toBeVisible();
  const linkSection = runner.page.getByRole("region", { name: "Or make a link" });
  await linkSection.getByRole("radio", { name: "Read and keep notes" }).check();
  await linkSection.getByRole("button", { name: "Make a link" }).click();
  const link = await runner.page.getByRole("textbox", { name: /Your invitation link/ }).inputValue();
  expect(link).toMatch(new RegExp(`^${BASE}/invite/[A-Za-z0-9_-]{40,}$`));
  await expectAxeClean(runner.page);

  // The coach becomes a coach account, then opens the link and accepts.
  await coach.page.goto("/coach");
  await coach.page.getByRole("button", { name: "I am a coach or physio" }).click();
  await expect(coach.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Athletes" })).toBeVisible();
  await coach.page.goto(new URL(link).pathname);
  await expect(coach.page.getByText(/Ada.*invites you/)).toBeVisible();
  await expectAxeClean(coach.page);
  await coach.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(coach.page.getByRole("heading", { level: 1, name: "Ada" })).toBeVisible();
  const athletePath = new URL(coach.page.url()).pathname;
  expect(athletePath).toMatch(/^\/coach\/athletes\/.+/);
  await expect(coach.page.getByRole("heading", { name: "What needs attention now" })).toBeVisible();
  await coach.page.getByRole("textbox", { name: /New note/ }).fill("Keep this week easy, then we talk.");
  await coach.page.getByRole("button", { name: "Save note" }).click();
  await expect(coach.page.getByRole("status").filter({ hasText: "Note saved" })).toBeVisible();
  await expectAxeClean(coach.page);

  await coach.page.getByRole("link", { name: "All athletes" }).click();
  const row = coach.page.getByRole("row", { name: /Ada/ });
  await expect(row).toBeVisible();
  await expectAxeClean(coach.page);

  // The runner sees who can see their data, reads the note, and stops sharing after confirming.
  await runner.page.reload();
  const card = runner.page.getByRole("region", { name: "Who can see your data" }).getByRole("listitem").filter({ hasText: "Cole" });
  await expect(card).toContainText("can see your data since");
  await expect(runner.page.getByText("Keep this week easy, then we talk.")).toBeVisible();
  await runner.page.getByRole("button", { name: "Stop sharing with Cole" }).click();
  await expect(runner.page.getByRole("group", { name: "Confirm: stop sharing" })).toBeVisible();
  await expectAxeClean(runner.page);
  await runner.page.getByRole("button", { name: "Yes, stop sharing" }).click();
  await expect(runner.page.getByRole("status").filter({ hasText: "can no longer see your data" })).toBeVisible();

  // At once: the coach's next load finds nothing.
  await coach.page.reload();
  await expect(coach.page.getByText("No runner shares their data with you yet.")).toBeVisible();
  await expect(coach.page.getByRole("row", { name: /Ada/ })).toHaveCount(0);
  await coach.page.goto(athletePath);
  await expect(coach.page.getByRole("heading", { level: 1, name: "Athlete not found" })).toBeVisible();

  await runner.context.close();
  await coach.context.close();
});

/** The page is no wider than the screen (the roster's table scrolls inside its own region). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth")).toBeLessThanOrEqual(0);
}

test("on a phone, a runner shares only their training: the coach sees it and is told plainly the diary is not shared", async ({ browser }) => {
  test.setTimeout(120_000);
  const phone = { width: 390, height: 844 };
  const runner = await signedIn(browser, "Ivy", phone);
  const coach = await signedIn(browser, "Jon", phone);
  await coach.page.goto("/coach");
  await coach.page.getByRole("button", { name: "I am a coach or physio" }).click();
  // On a phone the menu is folded away: the page itself says the account changed.
  await expect(coach.page.getByText("Your account is a coach or physio account.")).toBeVisible();

  // The runner makes a link that shares the training load and nothing else.
  await runner.page.goto("/sharing");
  const linkSection = runner.page.getByRole("region", { name: "Or make a link" });
  const kinds = linkSection.getByRole("group", { name: "What they may see" });
  await expect(kinds.getByRole("checkbox", { name: "Training load and shoes" })).toBeChecked();
  await kinds.getByRole("checkbox", { name: /Pain today/ }).uncheck();
  await kinds.getByRole("checkbox", { name: "Knee checks" }).uncheck();
  await expect(kinds.getByRole("checkbox", { checked: true })).toHaveCount(1);
  await linkSection.getByRole("button", { name: "Make a link" }).click();
  const link = await runner.page.getByRole("textbox", { name: /Your invitation link/ }).inputValue();
  await expectAxeClean(runner.page);
  await expectNoSidewaysScroll(runner.page);

  // The invitation tells the coach what would be shared, before accepting.
  await coach.page.goto(new URL(link).pathname);
  const offered = coach.page.getByRole("list", { name: "What Ivy would share" });
  await expect(offered.getByRole("listitem")).toHaveText(["Training load and shoes"]);
  await expectAxeClean(coach.page);
  await expectNoSidewaysScroll(coach.page);
  await coach.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(coach.page.getByRole("heading", { level: 1, name: "Ivy" })).toBeVisible();
  const athletePath = new URL(coach.page.url()).pathname;

  // Training shows; the diary and the rest say "not shared", and no pain light is lit.
  const training = coach.page.getByRole("region", { name: "Training load", exact: true });
  await expect(training.getByRole("heading", { name: "Weekly volume" })).toBeVisible();
  await expect(training).toContainText("No runs recorded yet.");
  await expect(coach.page.getByRole("region", { name: "Pain diary", exact: true })).toContainText("Not shared");
  await expect(coach.page.getByRole("region", { name: "Pain today", exact: true })).toContainText("Not shared");
  await expect(coach.page.getByRole("region", { name: "Daily check-ins", exact: true })).toContainText("Not shared");
  await expect(coach.page.getByRole("main").getByText(/Green|Progress/)).toHaveCount(0);
  await expectAxeClean(coach.page);
  await expectNoSidewaysScroll(coach.page);

  // The roster: not shared, and nothing recorded is not "fine".
  await coach.page.getByRole("link", { name: "All athletes" }).click();
  const row = coach.page.getByRole("row", { name: /Ivy/ });
  await expect(row).toContainText("nothing recorded yet");
  await expect(row).toContainText("not shared");
  await expect(row).not.toContainText("fine");
  await expectAxeClean(coach.page);
  await expectNoSidewaysScroll(coach.page);

  // The runner adds the diary later: the coach's next look shows it, empty and saying so.
  await runner.page.reload();
  const card = runner.page.getByRole("region", { name: "Who can see your data" }).getByRole("listitem").filter({ hasText: "Jon" });
  await card.getByRole("group", { name: "What Jon sees" }).getByRole("checkbox", { name: "Pain diary, every entry" }).check();
  await expect(runner.page.getByRole("status").filter({ hasText: "Saved: Jon sees what is ticked" })).toBeVisible();
  await expectAxeClean(runner.page);
  await expectNoSidewaysScroll(runner.page);
  await coach.page.goto(athletePath);
  await expect(coach.page.getByRole("region", { name: "Pain diary", exact: true })).toContainText("No diary entries yet.");
  await expect(coach.page.getByRole("region", { name: "Daily check-ins", exact: true })).toContainText("Not shared");

  await runner.context.close();
  await coach.context.close();
});

test("a physio declines an email invitation, and the runner sees the answer", async ({ browser }) => {
  test.setTimeout(90_000);
  const runner = await signedIn(browser, "Bea");
  const physio = await signedIn(browser, "Dee");
  await physio.page.goto("/coach");
  await physio.page.getByRole("button", { name: "I am a coach or physio" }).click();
  await expect(physio.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Athletes" })).toBeVisible();

  await runner.page.goto("/sharing");
  await runner.page.getByLabel("Your coach's or physio's email").fill(physio.email);
  await runner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(runner.page.getByRole("region", { name: "Invitations waiting" })).toContainText(physio.email);

  await physio.page.reload();
  const invites = physio.page.getByRole("region", { name: "Invitations for you" });
  await expect(invites).toContainText("Bea");
  await expectAxeClean(physio.page);
  await physio.page.getByRole("button", { name: "Decline the invitation from Bea" }).click();
  await expect(physio.page.getByRole("status")).toContainText("You declined Bea's invitation");
  await expect(physio.page.getByRole("region", { name: "Invitations for you" })).toHaveCount(0);
  await expect(physio.page.getByText("No runner shares their data with you yet.")).toBeVisible();

  await runner.page.reload();
  await expect(runner.page.getByRole("region", { name: "Invitations declined" })).toContainText(physio.email);
  await expect(runner.page.getByRole("region", { name: "Invitations waiting" })).toHaveCount(0);
  await expect(runner.page.getByText("No one. Your data is yours alone.")).toBeVisible();
  await expectAxeClean(runner.page);

  await runner.context.close();
  await physio.context.close();
});

test("a coach whose new address is not confirmed is told why invitations wait, and confirms it with a link", async ({ browser }) => {
  test.setTimeout(90_000);
  const runner = await signedIn(browser, "Gus");
  const coach = await signedIn(browser, "Hal");
  await coach.page.goto("/coach");
  await coach.page.getByRole("button", { name: "I am a coach or physio" }).click();
  await expect(coach.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Athletes" })).toBeVisible();

  // The coach moves to another address: until it is confirmed, invitations to it wait.
  const moved = `hal-moved-${Date.now()}@example.org`;
  await coach.page.goto("/account");
  const emailSection = coach.page.getByRole("region", { name: "Email address" });
  await emailSection.getByLabel("New email address").fill(moved);
  await emailSection.getByLabel("Current password").fill("a long enough password");
  await emailSection.getByRole("button", { name: "Change email address" }).click();
  await expect(emailSection.getByRole("status").filter({ hasText: "Your address is changed" })).toBeVisible();
  await expect(emailSection).toContainText(`${moved} is not confirmed yet`);
  await expectAxeClean(coach.page);

  await runner.page.goto("/sharing");
  await runner.page.getByLabel("Your coach's or physio's email").fill(moved);
  await runner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(runner.page.getByRole("region", { name: "Invitations waiting" })).toContainText(moved);

  await coach.page.goto("/coach");
  const notice = coach.page.getByRole("region", { name: "Confirm your email address" });
  await expect(notice).toContainText(moved);
  await expect(coach.page.getByRole("region", { name: "Invitations for you" })).toHaveCount(0);
  await expectAxeClean(coach.page);
  await notice.getByRole("button", { name: "Send me a new link" }).click();
  await expect(notice.getByRole("status")).toContainText(`A link to confirm ${moved} is on its way`);

  // The link from the email confirms the address; the invitation is there to accept.
  await coach.page.goto(`/account#verify=${await emailedToken(moved)}`);
  await expect(coach.page.getByText(`Thank you: ${moved} is confirmed.`)).toBeVisible();
  expect(new URL(coach.page.url()).hash).toBe("");
  await coach.page.goto("/coach");
  await expect(coach.page.getByRole("region", { name: "Confirm your email address" })).toHaveCount(0);
  await coach.page.getByRole("button", { name: "Accept the invitation from Gus" }).click();
  await expect(coach.page.getByRole("status")).toContainText("Gus now shares their data with you.");

  await runner.context.close();
  await coach.context.close();
});

test("an admin finds a person and changes their role, asked twice before giving admin rights", async ({ browser }) => {
  test.setTimeout(90_000);
  const eve = await signedIn(browser, "Eve");
  const context = await browser.newContext({ baseURL: BASE });
  const login = await context.request.post("/api/auth/login", { data: { email: "admin@example.org", password: "a long enough password" } });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  await page.goto("/account");
  await page.getByRole("link", { name: "People and roles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People and roles" })).toBeVisible();
  await page.getByLabel("Find by email or name").fill(eve.email);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByRole("heading", { name: /^1 person matching/ })).toBeVisible();
  await page.getByLabel("Role of Eve").selectOption("moderator");
  await expect(page.getByRole("status")).toContainText("Eve is now moderator");
  await expect(page.getByLabel("Role of Eve")).toHaveValue("moderator");
  expect((await (await eve.context.request.get("/api/me")).json()) as unknown).toMatchObject({ user: { role: "moderator" } });

  // Admin rights are asked for twice; cancelling changes nothing.
  await page.getByLabel("Role of Eve").selectOption("admin");
  const confirm = page.getByRole("group", { name: "Confirm: Eve becomes admin" });
  await expect(confirm).toContainText("Make Eve an admin?");
  await expectAxeClean(page);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Role of Eve")).toHaveValue("moderator");
  expect((await (await eve.context.request.get("/api/me")).json()) as unknown).toMatchObject({ user: { role: "moderator" } });

  // Anyone but an admin who opens the page is told it is not for them.
  const runnerPage = await eve.context.newPage();
  await runnerPage.goto("/admin/people");
  await expect(runnerPage.getByText("Only an admin can see this page.")).toBeVisible();

  await context.close();
  await eve.context.close();
});

test("on a single-user copy there is no sharing: no menu entry, and the page says why", async ({ page }) => {
  // The shared e2e server (baseURL) runs in single-user mode.
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Sharing|Athletes/ })).toHaveCount(0);
  await page.goto("/sharing");
  await expect(page.getByRole("heading", { level: 1, name: "Share with a coach" })).toBeVisible();
  await expect(page.getByText("there is no one to share with")).toBeVisible();
  await expectAxeClean(page);
});
