/**
 * The web app's pages, as its router (web/src/shell/app.tsx) knows them, so the server can answer
 * a URL that is none of them with 404 (the app shell still loads and shows its "not found" page)
 * instead of 200. `*` at the end matches any deeper path; `:name` matches one path segment.
 * test/web-routes.test.ts fails when this list and the router drift apart.
 */
export const WEB_ROUTES: readonly string[] = [
  "/",
  "/tools",
  "/learn/*",
  "/assess/*",
  "/training/*",
  "/shoes",
  "/plan",
  "/report",
  "/community/*",
  "/account",
  "/reset-password",
  "/profile",
  "/pain/*",
  "/programme/:slug",
  "/check-in",
  "/sharing",
  "/coach",
  "/coach/athletes/:athleteId",
  "/invite/:token",
  "/admin/people",
  "/setup",
];

function matches(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split("/").filter((p) => p !== "");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === "*") return true;
    const segment = segments[i];
    if (segment === undefined) return false;
    if (!part.startsWith(":") && part !== segment) return false;
  }
  return segments.length === parts.length;
}

/** True when the router has a page for this path (query and fragment ignored, a trailing / too). */
export function isWebRoute(url: string): boolean {
  const pathname = url.split(/[?#]/, 1)[0] ?? "/";
  const segments = pathname.split("/").filter((s) => s !== "");
  return WEB_ROUTES.some((pattern) => matches(pattern, segments));
}
