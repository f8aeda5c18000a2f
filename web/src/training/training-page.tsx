import { Page } from "../shell/page.js";
import { LoadDashboard } from "../load/load-dashboard.js";

export function TrainingPage() {
  return (
    <Page title="Training" intro={<p>Your weekly distance and time, sudden jumps, acute:chronic load and single-run spikes, from the runs you import or log by hand.</p>}>
      <LoadDashboard />
    </Page>
  );
}
