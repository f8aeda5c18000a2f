import { Link } from "react-router";
import { Page } from "./page.js";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. Try the <Link to="/">home page</Link> or the <Link to="/learn">articles</Link>.
      </p>
    </Page>
  );
}
