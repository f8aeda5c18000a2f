import { lazy } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./layout.js";
import { SessionProvider } from "./session.js";
import { TodayPage } from "../today/today-page.js";
import { NotFoundPage } from "./not-found-page.js";

// Every page but Today loads when first opened: the first screen needs only the shell and Today.
const HomePage = lazy(() => import("../home/home-page.js").then((m) => ({ default: m.HomePage })));
const LearnPage = lazy(() => import("../learn/learn-page.js").then((m) => ({ default: m.LearnPage })));
const AssessPage = lazy(() => import("../assess/assess-page.js").then((m) => ({ default: m.AssessPage })));
const TrainingPage = lazy(() => import("../training/training-page.js").then((m) => ({ default: m.TrainingPage })));
const ShoesPage = lazy(() => import("../shoes/shoes-page.js").then((m) => ({ default: m.ShoesPage })));
const PlanPage = lazy(() => import("../plan/plan-page.js").then((m) => ({ default: m.PlanPage })));
const ReportPage = lazy(() => import("../report/report-page.js").then((m) => ({ default: m.ReportPage })));
const CommunityPage = lazy(() => import("../community/community-page.js").then((m) => ({ default: m.CommunityPage })));
const AccountPage = lazy(() => import("../account/account-page.js").then((m) => ({ default: m.AccountPage })));
const ResetPasswordPage = lazy(() => import("../account/reset-password-page.js").then((m) => ({ default: m.ResetPasswordPage })));
const ProfilePage = lazy(() => import("../profile/profile-page.js").then((m) => ({ default: m.ProfilePage })));
const PainPage = lazy(() => import("../pain/pain-page.js").then((m) => ({ default: m.PainPage })));
const ProgrammePage = lazy(() => import("../programme/programme-page.js").then((m) => ({ default: m.ProgrammePage })));
const CheckinPage = lazy(() => import("../checkin/checkin-page.js").then((m) => ({ default: m.CheckinPage })));
const SharingPage = lazy(() => import("../sharing/sharing-page.js").then((m) => ({ default: m.SharingPage })));
const RosterPage = lazy(() => import("../coach/roster-page.js").then((m) => ({ default: m.RosterPage })));
const AthletePage = lazy(() => import("../coach/athlete-page.js").then((m) => ({ default: m.AthletePage })));
const InvitePage = lazy(() => import("../coach/invite-page.js").then((m) => ({ default: m.InvitePage })));
const PeoplePage = lazy(() => import("../admin/people-page.js").then((m) => ({ default: m.PeoplePage })));
const SetupPage = lazy(() => import("../admin/setup-page.js").then((m) => ({ default: m.SetupPage })));

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<TodayPage />} />
          <Route path="tools" element={<HomePage />} />
          <Route path="learn/*" element={<LearnPage />} />
          <Route path="assess/*" element={<AssessPage />} />
          <Route path="training/*" element={<TrainingPage />} />
          <Route path="shoes" element={<ShoesPage />} />
          <Route path="plan" element={<PlanPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="community/*" element={<CommunityPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="pain/*" element={<PainPage />} />
          <Route path="programme/:slug" element={<ProgrammePage />} />
          <Route path="check-in" element={<CheckinPage />} />
          <Route path="sharing" element={<SharingPage />} />
          <Route path="coach" element={<RosterPage />} />
          <Route path="coach/athletes/:athleteId" element={<AthletePage />} />
          <Route path="invite/:token" element={<InvitePage />} />
          <Route path="admin/people" element={<PeoplePage />} />
          <Route path="setup" element={<SetupPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
