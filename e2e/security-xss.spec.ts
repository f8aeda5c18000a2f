import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import { startOwnServer } from "./own-server.js";
import type { OwnServer } from "./own-server.js";

/*
 * Script payloads put into text fields through the API of a single-user server of this spec's own
 * (its runs and pain entries would otherwise change the shared server's charts and plans under
 * the other specs), then every page that shows those fields opened in a real browser: no dialog
 * may open and no injected element may exist. The CSP would stop inline script anyway; this
 * proves the text never became markup in the first place.
 */
const PORT = Number(process.env.E2E_XSS_PORT ?? Number(process.env.E2E_PORT ?? 3999) + 5);
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
let own: OwnServer | null = null;

const RUN = Date.now().toString(36);
const PAYLOADS = [
  `<script>alert("xss-${RUN}")</script>`,
  `"><img src=x onerror=alert("xss-${RUN}")>`,
  `[a link](javascript:alert("xss-${RUN}"))`,
  `</textarea><svg onload=alert("xss-${RUN}")>`,
];
const INJECTED =
  'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript"], script:not([src])';

async function ok(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<void> {
  expect(res.status(), await res.text()).toBeLessThan(300);
}

/** Fails the test on any dialog; returns a check to call after the page is read. */
function watchDialogs(page: Page): () => void {
  const seen: string[] = [];
  page.on("dialog", (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return () => expect(seen, "a dialog opened: a payload ran").toEqual([]);
}

test.afterAll(() => own?.stop());

test.beforeAll(async ({ playwright }) => {
  own = await startOwnServer("xss", PORT);
  const request = await playwright.request.newContext({ baseURL: own.base });
  for (const [i, p] of PAYLOADS.entries()) {
    // Recent days, so that the pages' default ranges include them.
    const day = new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10);
    await ok(
      await request.post("/api/shoes", { data: { name: p.slice(0, 80), brand: p.slice(0, 60) } }),
    );
    await ok(
      await request.post("/api/training/activities", {
        data: { sport: "run", date: day, distanceM: 5000, durationS: 1800, name: p, shoeId: null },
      }),
    );
    await ok(await request.put(`/api/pain/${day}`, { data: { during: 2, notes: p } }));
    await ok(
      await request.post("/api/programme-sessions", {
        data: {
          programmeSlug: "patellar-tendinopathy",
          stage: 1,
          date: day,
          exercises: [{ slug: "wall-sit-isometric", sets: 5, holdSeconds: 45 }],
          notes: p,
        },
      }),
    );
    await ok(
      await request.post("/api/articles/patellofemoral-pain/comments", {
        data: { body: `zebra ${p}` },
      }),
    );
  }
  await request.dispose();
});

/** Each page, and whether it shows the payload text itself (so the test is not vacuous there). */
const PAGES: [path: string, showsPayloads: boolean][] = [
  ["/shoes", true],
  ["/training", true],
  ["/report", true],
  ["/programme/patellar-tendinopathy", true],
  ["/community/patellofemoral-pain", true],
  ["/community", true],
  [`/search?q=${encodeURIComponent(PAYLOADS[1]!)}`, true],
  ["/search?q=zebra", true],
  ["/pain", false],
  ["/learn/patellofemoral-pain", false],
];

for (const [path, showsPayloads] of PAGES) {
  const name = path.startsWith("/search?q=zebra")
    ? "search results with payload comments"
    : path.split("?")[0];
  test(`${name} shows the payloads as text and runs none of them`, async ({ page }) => {
    const noDialogs = watchDialogs(page);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    if (showsPayloads) await expect(page.locator("body")).toContainText(`xss-${RUN}`);
    await expect(page.locator(INJECTED)).toHaveCount(0);
    noDialogs();
  });
}

test("the community thread really shows a payload, as plain text", async ({ page }) => {
  const noDialogs = watchDialogs(page);
  await page.goto("/community/patellofemoral-pain");
  await expect(page.getByText(PAYLOADS[0]!, { exact: false }).first()).toBeVisible();
  await expect(page.locator(INJECTED)).toHaveCount(0);
  noDialogs();
});
