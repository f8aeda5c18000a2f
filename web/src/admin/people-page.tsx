import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { USER_ROLES } from "../../../src/contracts/sharing.js";
import type { AdminUserView, AdminUsersResponse, RoleResponse, UserRole } from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { dateText } from "../shell/dates.js";
import { Page } from "../shell/page.js";
import { Pager } from "../shell/pager.js";
import { StatusLines } from "../shell/status-lines.js";
import { useSession } from "../shell/session.js";
import { ColumnHeads } from "../shell/column-heads.js";

const ROLE_LABELS: Record<UserRole, string> = {
  runner: "Runner",
  coach: "Coach or physio",
  moderator: "Moderator",
  admin: "Admin",
};


/** One person's row: their role as a choice, with a confirmation before admin rights change hands. */
function PersonRow({ person, self, onChange }: { person: AdminUserView; self: boolean; onChange: (p: AdminUserView, role: UserRole) => Promise<void> }) {
  const [asking, setAsking] = useState<UserRole | null>(null);
  const choose = (role: UserRole) => {
    if (role === person.role) return;
    // Granting or taking away admin rights is asked twice: an admin can change everyone's role.
    if (role === "admin" || person.role === "admin") setAsking(role);
    else void onChange(person, role);
  };
  return (
    <tr>
      <th scope="row">
        {person.displayName}
        {self ? " (you)" : ""}
      </th>
      <td>{person.email}</td>
      <td>{dateText(person.createdAt)}</td>
      <td>
        {asking === null ? (
          <select aria-label={`Role of ${person.displayName}`} value={person.role} onChange={(e) => choose(e.target.value as UserRole)}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        ) : (
          <div role="group" aria-label={`Confirm: ${person.displayName} becomes ${ROLE_LABELS[asking].toLowerCase()}`} className="button-row">
            <span>
              {asking === "admin" ? `Make ${person.displayName} an admin? They could change anyone's role, yours too.` : `Take admin rights from ${person.displayName}?`}
            </span>
            <button type="button" onClick={() => void onChange(person, asking).finally(() => setAsking(null))}>
              Yes, make them {ROLE_LABELS[asking].toLowerCase()}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** /admin/people: an admin finds people (by part of their email or name) and sets their role. */
export function PeoplePage() {
  const { mode, user, loading, refresh } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const page = Number(params.get("page") ?? "1") || 1;
  const [data, setData] = useState<AdminUsersResponse | null>(null);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setData(await api<AdminUsersResponse>("GET", `/api/admin/users?${new URLSearchParams({ q, page: String(page) }).toString()}`));
      setError("");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The list of people could not be loaded.");
    }
  }, [q, page]);

  useEffect(() => {
    if (mode === "multi" && user?.role === "admin") void load();
  }, [mode, user, load]);

  if (loading) return <Page title="People and roles" />;
  if (mode !== "multi" || user?.role !== "admin")
    return (
      <Page title="People and roles">
        <p>{mode !== "multi" ? "This copy of kneewise runs for one person: there are no other people or roles." : "Only an admin can see this page."}</p>
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
      </Page>
    );

  async function changeRole(person: AdminUserView, role: UserRole) {
    setError("");
    setStatus("");
    try {
      const res = await api<RoleResponse>("PUT", `/api/admin/users/${person.id}/role`, { role });
      setStatus(`${person.displayName} is now ${ROLE_LABELS[res.user.role].toLowerCase()}. Changed from ${ROLE_LABELS[person.role].toLowerCase()}: choose again to undo.`);
      if (person.id === user?.id) await refresh();
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The role could not be changed.");
    }
  }

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = new FormData(e.currentTarget).get("q");
    const text = typeof value === "string" ? value.trim() : "";
    setParams(text === "" ? {} : { q: text });
  }

  return (
    <Page
      title="People and roles"
      intro={
        <p>
          Everyone with an account on this site. Coaches and physios can receive runners&apos; invitations, moderators review community comments, and admins
          change roles. Every change is written to the audit log.
        </p>
      }
    >
      <form role="search" aria-label="Find people" onSubmit={search} className="button-row">
        <label htmlFor="people-q">Find by email or name</label>
        <input id="people-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <button type="submit">Find</button>
      </form>
      <StatusLines status={status} error={error} />
      {data === null && !error ? <p>Loading…</p> : null}
      {data !== null ? (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">{data.total === 1 ? "1 person" : `${data.total} people`}{q ? ` matching “${q}”` : ""}</h2>
          {data.users.length > 0 ? (
            <div className="table-scroll" role="region" aria-label="People (scrolls sideways on small screens)" tabIndex={0}>
              <table className="compare-table">
                <ColumnHeads names={["Name", "Email", "Joined", "Role"]} />
                <tbody>
                  {data.users.map((p) => (
                    <PersonRow key={p.id} person={p} self={p.id === user.id} onChange={changeRole} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Nobody matches. Try part of an email address or a name.</p>
          )}
          <Pager page={data.page} pages={data.pages} label="People pages" params={q === "" ? {} : { q }} words={["← Previous", "Next →"]} />
        </section>
      ) : null}
    </Page>
  );
}
