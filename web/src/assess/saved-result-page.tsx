import { useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import type { AssessmentResponse } from "../../../src/contracts/assessments.js";
import { api, ApiError } from "../api.js";
import { dateTimeText } from "../shell/dates.js";
import { Page } from "../shell/page.js";
import type { ResultNavigationState } from "./assess-flow.js";
import { ResultView } from "./result-view.js";
import { SafetyNote } from "./safety-note.js";

function dateText(iso: string | null): string {
  return iso === null ? "" : dateTimeText(iso);
}

export function SavedResultPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const passed = (location.state as ResultNavigationState | null)?.view;
  const [view, setView] = useState<AssessmentResponse | null>(passed?.id === id ? passed : null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (view?.id === id) return;
    let live = true;
    api<AssessmentResponse>("GET", `/api/assessments/${encodeURIComponent(id)}`)
      .then((v) => live && setView(v))
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong.")));
    return () => {
      live = false;
    };
  }, [id, view?.id]);

  if (error) {
    const title = error.status === 404 ? "Result not found" : error.status === 401 ? "Sign in to see this result" : "This result could not be loaded";
    return (
      <Page title={title}>
        <p>{error.status === 401 ? <Link to="/account">Sign in</Link> : null} {error.message}</p>
        <p>
          <Link to="/assess/history">Your assessment history</Link> · <Link to="/assess">Start a new assessment</Link>
        </p>
        <SafetyNote />
      </Page>
    );
  }
  if (!view) {
    return (
      <Page title="Your result">
        <p>Loading…</p>
        <SafetyNote />
      </Page>
    );
  }
  return (
    <Page title="Your result" intro={<p>Saved {dateText(view.createdAt)}.</p>}>
      <ResultView
        view={view}
        saveArea={
          <p className="save-area">
            Saved to your <Link to="/assess/history">assessment history</Link>. <Link to="/assess">Start a new assessment</Link>
          </p>
        }
      />
    </Page>
  );
}
