import { Route, Routes } from "react-router";
import { Layout } from "./layout.js";
import { SessionProvider } from "./session.js";
import { HomePage } from "../home/home-page.js";
import { TodayPage } from "../today/today-page.js";
import { LearnPage } from "../learn/learn-page.js";
import { AssessPage } from "../assess/assess-page.js";
import { TrainingPage } from "../training/training-page.js";
import { ShoesPage } from "../shoes/shoes-page.js";
import { PlanPage } from "../plan/plan-page.js";
import { ReportPage } from "../report/report-page.js";
import { CommunityPage } from "../community/community-page.js";
import { AccountPage } from "../account/account-page.js";
import { ResetPasswordPage } from "../account/reset-password-page.js";
import { ProfilePage } from "../profile/profile-page.js";
import { PainPage } from "../pain/pain-page.js";
import { ProgrammePage } from "../programme/programme-page.js";
import { CheckinPage } from "../checkin/checkin-page.js";
import { SharingPage } from "../sharing/sharing-page.js";
import { RosterPage } from "../coach/roster-page.js";
import { AthletePage } from "../coach/athlete-page.js";
import { InvitePage } from "../coach/invite-page.js";
import { PeoplePage } from "../admin/people-page.js";
import { SetupPage } from "../admin/setup-page.js";
import { NotFoundPage } from "./not-found-page.js";

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
