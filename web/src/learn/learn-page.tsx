import { Page } from "../shell/page.js";

export function LearnPage() {
  return (
    <Page title="Learn" intro={<p>Articles in plain words on why running loads the knee, the training errors behind most pain, the five common conditions, and what helps.</p>}>
    </Page>
  );
}
