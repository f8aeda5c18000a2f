import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { DEFAULT_SHARE_SCOPES, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type {
  LinkInviteResponse,
  NotesResponse,
  NoteView,
  ShareAccess,
  ShareResponse,
  ShareScope,
  ShareView,
  SharingListResponse,
} from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import type { useSession } from "../shell/session.js";
import { who } from "./share-row.js";

type Session = ReturnType<typeof useSession>;

function errorOf(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong.");
}

/** The runner's shares and their coaches' notes, loaded once signed in on a multi-user server. */
export function useSharingList(mode: Session["mode"], user: Session["user"]) {
  const [shares, setShares] = useState<ShareView[] | null>(null);
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, about] = await Promise.all([api<SharingListResponse>("GET", "/api/sharing"), api<NotesResponse>("GET", "/api/sharing/notes")]);
      setShares(list.shares);
      setNotes(about.notes);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);

  useEffect(() => {
    if (mode === "multi" && user) void load();
  }, [mode, user, load]);

  /** Clears the error shown, runs one change, and shows what refused it. */
  async function attempt(work: () => Promise<void>): Promise<void> {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  return { shares, setShares, notes, error, load, attempt };
}

type SharingList = ReturnType<typeof useSharingList>;

/** What a new invitation grants: an access level and the kinds of data. */
export function useInviteChoice() {
  const [access, setAccess] = useState<ShareAccess>("read");
  const [scopes, setScopes] = useState<ShareScope[]>([...DEFAULT_SHARE_SCOPES]);
  return { access, setAccess, scopes, setScopes };
}

export type InviteChoice = ReturnType<typeof useInviteChoice>;

/** Inviting by email or by a one-time link; the link is shown only after it is made. */
export function useInvites(list: SharingList, setStatus: (s: string) => void, email: InviteChoice, byLink: InviteChoice) {
  const [link, setLink] = useState<string | null>(null);

  async function inviteByEmail(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const address = new FormData(form).get("email");
    await list.attempt(async () => {
      const res = await api<ShareResponse>("POST", "/api/sharing/invites/email", {
        email: typeof address === "string" ? address : "",
        access: email.access,
        scopes: email.scopes,
      });
      form.reset();
      setStatus(`Invitation sent to ${res.share.inviteEmail ?? ""}. It appears when they sign in with that address.`);
      await list.load();
    });
  }

  async function makeLink() {
    await list.attempt(async () => {
      const res = await api<LinkInviteResponse>("POST", "/api/sharing/invites/link", { access: byLink.access, scopes: byLink.scopes });
      setLink(`${window.location.origin}${res.path}`);
      setStatus("Your link is ready. It works once, for 7 days.");
      await list.load();
    });
  }

  return { link, inviteByEmail, makeLink };
}

export type Invites = ReturnType<typeof useInvites>;

/** Changing what an existing share grants, or ending it after the runner confirms. */
export function useShareChanges(list: SharingList, setStatus: (s: string) => void) {
  const [confirming, setConfirming] = useState<string | null>(null);

  async function changeAccess(s: ShareView, access: ShareAccess) {
    await list.attempt(async () => {
      await api<ShareResponse>("PATCH", `/api/sharing/${s.id}`, { access });
      setStatus(`${who(s)} now has: ${SHARE_ACCESS_LABELS[access].toLowerCase()}.`);
      await list.load();
    });
  }

  async function changeScopes(s: ShareView, scopes: ShareScope[]) {
    await list.attempt(async () => {
      // The box follows the click at once; a refusal puts it back (the load below).
      list.setShares((all) => (all ?? []).map((x) => (x.id === s.id ? { ...x, scopes } : x)));
      await api<ShareResponse>("PATCH", `/api/sharing/${s.id}`, { scopes });
      setStatus(`Saved: ${who(s)} sees what is ticked, from their next look.`);
    });
    await list.load();
  }

  async function revoke(s: ShareView) {
    await list.attempt(async () => {
      await api<ShareResponse>("DELETE", `/api/sharing/${s.id}`);
      setConfirming(null);
      setStatus(s.status === "active" ? `${who(s)} can no longer see your data.` : "The invitation is withdrawn.");
      await list.load();
    });
  }

  return { confirming, setConfirming, changeAccess, changeScopes, revoke };
}

export type ShareChanges = ReturnType<typeof useShareChanges>;
