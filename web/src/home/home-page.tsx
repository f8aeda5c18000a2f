import { Link } from "react-router";
import { Page } from "../shell/page.js";

const AREAS: { to: string; title: string; text: string; server?: boolean }[] = [
  {
    to: "/assess",
    title: "Check a sore knee",
    text: "Answer a few questions: urgent warning signs first, then the likely causes and when to see a clinician.",
  },
  {
    to: "/training",
    title: "Watch your training load",
    text: "Import your runs from a watch or a Strava or Garmin export and see sudden jumps before they hurt.",
  },
  {
    to: "/pain",
    title: "Keep a pain diary",
    text: "Score the knee in a few taps each day and get a clear light: build up, hold or ease off, with your own patterns.",
  },
  { to: "/learn", title: "Understand runner's knee pain", text: "Sourced articles on causes, prevention and the five common conditions." },
  { to: "/check-in", title: "Check in on how you feel", text: "Eight quick questions on sleep, mood and tiredness: the early signs of doing too much." },
  { to: "/exercises", title: "Follow a programme", text: "Staged exercise programmes for the common knee conditions, with a log of your sessions.", server: true },
  { to: "/plan", title: "Build up safely", text: "A gradual plan, or a walk-run return after pain, in your own calendar." },
  { to: "/report", title: "Report for your physio", text: "Your training, shoes, pain diary, assessment and plan on one page to print or save as PDF." },
  { to: "/shoes", title: "Track your shoes", text: "Mileage per pair, when to replace them, and whether you rotate." },
  { to: "/community", title: "Share your experience", text: "Read what other runners tried, and tell your own story." },
  { to: "/profile", title: "Your running profile", text: "Units, the first day of your week, your experience and what the self-tests found." },
];

export function HomePage() {
  return (
    <Page
      title="Keep running, kindly to your knees"
      intro={
        <p>
          Most knee pain in runners comes from doing too much too soon, and most of it settles with the right changes.
          kneewise helps you spot the cause, adjust your training and know when to get help.
        </p>
      }
    >
      <ul className="cards">
        {AREAS.map((a) => (
          <li key={a.to} className="card">
            <h2>
              {a.server === true ? <a href={a.to}>{a.title}</a> : <Link to={a.to}>{a.title}</Link>}
            </h2>
            <p>{a.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
