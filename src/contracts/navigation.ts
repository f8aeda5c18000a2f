/**
 * The main menu, the daily tools first, shared by the React shell (web/src/shell/layout.tsx) and
 * the server-rendered pages (src/server/ssr/layout.ts), so every page offers every tool in the
 * same order. `server: true` marks pages the server renders (the exercise library with its
 * programmes): in the app a plain link that loads them for real. `end: true`: current only on
 * that exact path. Account (or the signed-in name) and Sharing or Athletes follow in each shell.
 */
export interface NavItem {
  to: string;
  label: string;
  server?: boolean;
  end?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "Today", end: true },
  { to: "/training", label: "Training" },
  { to: "/pain", label: "Pain diary" },
  { to: "/check-in", label: "Check-in" },
  { to: "/plan", label: "Plan" },
  { to: "/exercises", label: "Programmes", server: true },
  { to: "/shoes", label: "Shoes" },
  { to: "/report", label: "Report" },
  { to: "/learn", label: "Learn" },
  { to: "/assess", label: "Assess" },
  { to: "/community", label: "Community" },
  { to: "/profile", label: "Profile" },
];
