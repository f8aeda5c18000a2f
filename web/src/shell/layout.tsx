import { Suspense, useEffect, useState } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { NAV_ITEMS } from "../../../src/contracts/navigation.js";
import { useSession } from "./session.js";

export function Layout() {
  const { user, mode } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();

  // Close the phone menu after navigating, and move focus to the new page's heading, which a page
  // loaded on first use only shows once its code has arrived.
  useEffect(() => {
    setMenuOpen(false);
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>("main h1");
      heading?.focus();
      return heading !== null;
    };
    if (focusHeading()) return;
    const main = document.querySelector("main");
    if (main === null) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand" aria-label="kneewise home">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>kneewise</span>
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          <nav id="site-nav" aria-label="Main" className={menuOpen ? "open" : ""}>
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  {item.server === true ? (
                    <a href={item.to}>{item.label}</a>
                  ) : (
                    <NavLink to={item.to} end={item.end === true}>
                      {item.label}
                    </NavLink>
                  )}
                </li>
              ))}
              {/* Sharing needs other people's accounts: multi-user mode only. */}
              {user && mode === "multi" ? (
                <li>
                  <NavLink to={user.role === "coach" ? "/coach" : "/sharing"}>{user.role === "coach" ? "Athletes" : "Sharing"}</NavLink>
                </li>
              ) : null}
              <li className="account-link">
                <NavLink to="/account">{user && mode === "multi" ? user.displayName : mode === "multi" ? "Sign in" : "Account"}</NavLink>
              </li>
            </ul>
          </nav>
          {/* A plain GET form: search works without JavaScript and lands on the server-rendered /search page. */}
          <form className="site-search" role="search" aria-label="Search kneewise" action="/search" method="get">
            <label htmlFor="site-search" className="visually-hidden">
              Search kneewise
            </label>
            <input id="site-search" type="search" name="q" maxLength={200} required />
            <button type="submit">Search</button>
          </form>
        </div>
      </header>
      <aside aria-label="Medical notice" className="clinician-notice">
        <p role="note">
          kneewise supports your own decisions; it does not replace a clinician. If pain is severe, the knee
          is hot, swollen or gives way, or you cannot bear weight, see a doctor or physiotherapist.
        </p>
      </aside>
      <main id="main">
        <Suspense fallback={<p className="page-loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          kneewise runs on your own computer or your club&apos;s server. Your training data is never sent anywhere
          else.
        </p>
      </footer>
    </>
  );
}
