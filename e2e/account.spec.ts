import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

/*
 * The export runs on the shared single-user server. Password change, reset and deletion need
 * accounts, so they run on a multi-user server of their own (same build, own port and SQLite
 * file). Without SMTP that server writes reset emails to its log: the test reads the link there,
 * as an operator would.
 */
const PORT = Number(process.env.E2E_ACCOUNT_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 3);
const BASE = `http://127.0.0.1:${PORT}`;
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "kneewise-e2e-account-"));
let server: ChildProcess | null = null;
let log = "";

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("the owner downloads all their data as a zip from the account page", async ({ page }) => {
  await page.goto("/account");
  const data = page.getByRole("region", { name: "Your data" });
  await expect(data).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), data.getByRole("link", { name: "Download all my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^kneewise-export-\d{4}-\d\d-\d\d\.zip$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
  expect(bytes.includes(Buffer.from("kneewise-export.json"))).toBe(true);
});

for (const pathName of ["/account", "/reset-password"]) {
  test(`${pathName} has no accessibility violations`, async ({ page }) => {
    await page.goto(pathName);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expectAxeClean(page);
  });
}

test.describe("with accounts", () => {
  test.beforeAll(async () => {
    server = spawn(process.execPath, ["bin/kneewise.js", "serve", "--multi-user", "--port", String(PORT), "--db", path.join(dbDir, "account.db")], {
      env: { ...process.env, KNEEWISE_LOG_LEVEL: "info", KNEEWISE_PUBLIC_URL: BASE },
      stdio: ["ignore", "pipe", "inherit"],
    });
    server.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${BASE}/api/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the multi-user server on ${BASE} did not start`);
  });

  test.afterAll(() => {
    server?.kill();
    fs.rmSync(dbDir, { recursive: true, force: true });
  });

  test("a runner changes their password, resets a forgotten one by the emailed link, and deletes the account", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    const email = `runner-${Date.now()}@example.org`;
    await page.goto("/account");
    const signup = page.getByRole("form", { name: "Create an account" });
    await signup.getByLabel("Display name (shown on your comments)").fill("Rae");
    await signup.getByLabel("Email").fill(email);
    await signup.getByLabel("Password").fill("first long password");
    await signup.getByRole("button", { name: "Create account" }).click();
    // No account yet: a link goes to the address, and only its reader can finish.
    await expect(signup.getByRole("status")).toHaveText(/Check your email/);
    const verifyLink = new RegExp(`${BASE}/account#verify=[\\w-]+`);
    await expect.poll(() => verifyLink.exec(log)?.[0] ?? null).not.toBeNull();
    const before = await signup.getByRole("status").textContent();
    await page.goto(verifyLink.exec(log)![0]);
    await expect(page.getByText(`Welcome: your account for ${email} is ready`)).toBeVisible();
    await expect(page.getByText(`Signed in as Rae (${email})`)).toBeVisible();
    expect(new URL(page.url()).hash).toBe("");
    await expect(page.getByRole("region", { name: "Email address" })).toContainText(`${email} is confirmed.`);
    // Signing up again with the taken address answers exactly the same; the email tells the owner someone tried.
    const again = await context.request.post("/api/auth/signup", { data: { email, password: "someone else's phrase", displayName: "Not Rae" } });
    expect(again.status()).toBe(202);
    expect(((await again.json()) as { message: string }).message).toBe(before);
    await expect.poll(() => log.includes("Someone tried to sign up to kneewise with your address")).toBe(true);

    // Change: the current password is checked, the new one must follow the rules.
    const password = page.getByRole("region", { name: "Password", exact: true });
    await password.getByLabel("Current password").fill("first long password");
    await password.getByLabel("New password").fill("qwertyuiop");
    await password.getByRole("button", { name: "Change password" }).click();
    await expect(password.getByText(/one of the most common ones/)).toBeVisible();
    await password.getByLabel("New password").fill("second long password");
    await password.getByRole("button", { name: "Change password" }).click();
    await expect(password.getByRole("status")).toHaveText(/Password changed/);
    await expectAxeClean(page);

    // Forgotten: sign out, ask for a link, take it from the server's log.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgotten password" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toHaveText(/If an account uses this email address/);
    await expect.poll(() => new RegExp(`${BASE}/reset-password\\?token=[\\w-]+`).exec(log)?.[0] ?? null).not.toBeNull();
    const link = new RegExp(`${BASE}/reset-password\\?token=[\\w-]+`).exec(log)![0];
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expectAxeClean(page);
    await page.getByLabel("New password", { exact: true }).fill("third long password");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page.getByRole("status")).toContainText("Your new password is set");

    // Sign in with it, then delete the account.
    await page.getByRole("status").getByRole("link", { name: "Sign in" }).click();
    const login = page.getByRole("form", { name: "Sign in" });
    await login.getByLabel("Email").fill(email);
    await login.getByLabel("Password").fill("third long password");
    await login.getByRole("button", { name: "Sign in" }).click();
    const del = page.getByRole("region", { name: "Delete account" });
    await del.getByLabel("Your password").fill("third long password");
    await del.getByLabel('Type "delete" to confirm').fill("delete");
    await del.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByText("Your account and all its data have been deleted.")).toBeVisible();
    const res = await context.request.post("/api/auth/login", { data: { email, password: "third long password" } });
    expect(res.status()).toBe(401);
    await context.close();
  });
});
