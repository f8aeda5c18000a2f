import { Page } from "../shell/page.js";

export function ShoesPage() {
  return (
    <Page title="Shoes" intro={<p>Every pair you run in, how far each has gone, when it is due for replacement, and whether you alternate pairs.</p>}>
    </Page>
  );
}
