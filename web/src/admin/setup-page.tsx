import { useState } from "react";
import { Link } from "react-router";
import type { RoleResponse } from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { StatusLines } from "../shell/status-lines.js";
import { useSession } from "../shell/session.js";

/** The token from the link's fragment (#token=…): fragments reach no server, so no log holds it. */
function tokenFromHash(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : "";
}

/**
 * /setup#token=…: the one-time link a new multi-user site prints to its server log. The signed-in
 * person who opens it becomes the site's admin (services/account/site-setup.ts).
 */
export function SetupPage() {
  const { mode, user, loading, refresh } = useSession();
  const [token] = useState(tokenFromHash);
  const [error, setError] = useState("");
  const [done, setDone] = useState(false);

  if (loading) return <Page title="Set up this site" />;
  if (mode !== "multi")
    return (
      <Page title="Set up this site">
        <p>This copy of kneewise runs for one person: there is no admin to set up.</p>
      </Page>
    );
  if (token === "")
    return (
      <Page title="Set up this site">
        <p>
          This page needs the setup link printed in the server&apos;s log, whole. Copy it again from
          the log, or run kneewise admin grant YOUR-EMAIL on the server.
        </p>
      </Page>
    );
  if (!user)
    return (
      <Page title="Set up this site">
        <p>
          First <Link to="/account">sign up or sign in</Link> with the account that will run this
          site, then open the setup link from the server&apos;s log again.
        </p>
      </Page>
    );

  async function claim() {
    setError("");
    try {
      await api<RoleResponse>("POST", "/api/setup/claim", { token });
      setDone(true);
      // The link is spent: take it out of the address bar and the history.
      window.history.replaceState(null, "", "/setup");
      await refresh();
    } catch (err) {
      setError(
        err instanceof ApiError ? err.message : "The setup link could not be used. Try again.",
      );
    }
  }

  return (
    <Page
      title="Set up this site"
      intro={
        <p>
          This link makes one account the site&apos;s admin: it can then give anyone a role, another
          admin included. It works once.
        </p>
      }
    >
      {done ? (
        <p>
          {user.displayName}, you are this site&apos;s admin.{" "}
          <Link to="/admin/people">People and roles</Link>
        </p>
      ) : (
        <p className="button-row">
          <span>
            Make {user.displayName} ({user.email}) the admin?
          </span>
          <button type="button" onClick={() => void claim()}>
            Yes, make my account the admin
          </button>
        </p>
      )}
      <StatusLines status="" error={error} />
    </Page>
  );
}
