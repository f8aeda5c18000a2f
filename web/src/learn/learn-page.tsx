import { useEffect } from "react";
import { Page } from "../shell/page.js";

/** react-router numbers the entries it pushes; a full page load starts at 0 (or no state). */
function reachedInApp(): boolean {
  const state: unknown = window.history.state;
  if (typeof state !== "object" || state === null) return false;
  const idx = (state as { idx?: unknown }).idx;
  return typeof idx === "number" && idx > 0;
}

/**
 * The knowledge base is rendered by the server (/learn, /learn/<slug>, /exercises), so that it
 * reads without JavaScript. Reaching /learn inside the app loads those pages for real; when the
 * server does not render them (the Vite dev server), the links below still lead there.
 */
export function LearnPage() {
  useEffect(() => {
    if (reachedInApp()) window.location.replace(window.location.href);
  }, []);
  return (
    <Page
      title="Learn"
      intro={
        <p>
          Articles in plain words on why running loads the knee, the training errors behind most
          pain, the five common conditions, and what helps.
        </p>
      }
    >
      <ul>
        <li>
          <a href="/learn">All articles, by topic</a>
        </li>
        <li>
          <a href="/learn/which-condition-is-it">Which condition is it?</a>
        </li>
        <li>
          <a href="/exercises">Exercise library and programmes</a>
        </li>
      </ul>
    </Page>
  );
}
