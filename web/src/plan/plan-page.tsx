import { Page } from "../shell/page.js";

export function PlanPage() {
  return (
    <Page title="Plan" intro={<p>A build-up plan that rises gradually with lighter weeks, or a walk-run return after pain, which you can add to your calendar.</p>}>
    </Page>
  );
}
