import { Link } from "react-router";
import { LoadDashboard } from "../load/load-dashboard.js";
import { Page } from "../shell/page.js";

/** /training: the load dashboard (its own component, from web/src/load) and the way to the history. */
export function TrainingHome() {
  return (
    <Page title="Training" intro={<p>Your weekly distance and time, sudden jumps, acute:chronic load and single-run spikes, from the runs you import or log by hand.</p>}>
      <nav aria-label="Training history" className="training-links">
        <Link to="/training/import">Import your history</Link>
        <Link to="/training/activities">All activities</Link>
      </nav>
      <section aria-label="Training load" className="training-dashboard">
        <LoadDashboard />
      </section>
    </Page>
  );
}
