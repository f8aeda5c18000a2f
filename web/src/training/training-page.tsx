import { Route, Routes } from "react-router";
import { NotFoundPage } from "../shell/not-found-page.js";
import { ActivityListPage } from "./activity-list-page.js";
import { ActivityPage } from "./activity-page.js";
import { ImportPage } from "./import-page.js";
import { TrainingHome } from "./training-home.js";

/** /training/*: the load dashboard, importing history, and the activities themselves. */
export function TrainingPage() {
  return (
    <Routes>
      <Route index element={<TrainingHome />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="activities" element={<ActivityListPage />} />
      <Route path="activities/:id" element={<ActivityPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
