import { Route, Routes } from "react-router";
import { ModerationPage } from "./moderation-page.js";
import { RecentPage } from "./recent-page.js";
import { ThreadPage } from "./thread-page.js";

/** The community area: /community, /community/moderation and /community/<article-slug>. */
export function CommunityPage() {
  return (
    <Routes>
      <Route index element={<RecentPage />} />
      <Route path="moderation" element={<ModerationPage />} />
      <Route path=":slug" element={<ThreadPage />} />
    </Routes>
  );
}
