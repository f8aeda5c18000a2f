import { Page } from "../shell/page.js";

export function CommunityPage() {
  return (
    <Page title="Community" intro={<p>Runners share what helped them. Comments are moderated and only show the display name each person chose.</p>}>
    </Page>
  );
}
