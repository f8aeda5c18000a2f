import { Route, Routes } from "react-router";
import { NotFoundPage } from "../shell/not-found-page.js";
import { AssessFlow } from "./assess-flow.js";
import { HistoryPage } from "./history-page.js";
import { SavedResultPage } from "./saved-result-page.js";

/** /assess (the questions), /assess/history and /assess/result/:id. */
export function AssessPage() {
  return (
    <Routes>
      <Route index element={<AssessFlow />} />
      <Route path="history" element={<HistoryPage />} />
      <Route path="result/:id" element={<SavedResultPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
