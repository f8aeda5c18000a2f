import { Page } from "../shell/page.js";

export function AssessPage() {
  return (
    <Page title="Check your knee" intro={<p>A short questionnaire that puts urgent warning signs first, ranks the likely causes of your knee pain and says plainly when to see a clinician. It is decision support, not a diagnosis.</p>}>
    </Page>
  );
}
