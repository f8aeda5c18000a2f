import { useEffect, useState } from "react";
import type { ProfileAdviceResponse } from "../../../src/contracts/profile.js";
import { api } from "../api.js";

const GROUP_WORDS: Record<string, string> = {
  hip_abductors: "hip muscles on the outside (abductors)",
  glutes: "buttock muscles",
  quadriceps: "front of the thigh",
  hamstrings: "back of the thigh",
  calves: "calves",
  core: "trunk",
  hip_flexors: "front of the hip (hip flexors)",
  itb_region: "outer thigh and hip",
};

/** What the saved profile changes: shoe advice for the foot type and the exercises to start with. */
export function ProfileAdvicePanel({ version }: { version: string | null }) {
  const [advice, setAdvice] = useState<ProfileAdviceResponse | null>(null);

  useEffect(() => {
    api<ProfileAdviceResponse>("GET", "/api/profile/advice").then(setAdvice, () => setAdvice(null));
  }, [version]);

  if (!advice) return null;
  return (
    <section aria-labelledby="profile-advice" className="profile-advice">
      <h2 id="profile-advice">Advice from your profile</h2>
      <h3>Shoes</h3>
      {advice.footwear ? (
        <p>
          <strong>{advice.footwear.name}:</strong> {advice.footwear.advice}
        </p>
      ) : (
        <p>
          Choose your foot type above (or try the <a href="/exercises/wet-footprint-test">wet-footprint test</a>) for
          shoe advice that fits your feet. Whatever the type, comfort is the best guide.
        </p>
      )}
      <h3>Exercises to start with</h3>
      {advice.exercisesFirst.length > 0 ? (
        <ul>
          {advice.exercisesFirst.map((e) => (
            <li key={e.slug}>
              <a href={`/exercises/${e.slug}`}>{e.title}</a>, for {e.because.finding === "weak" ? "weak" : "tight"}{" "}
              {GROUP_WORDS[e.because.group] ?? e.because.group}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Mark any weak or tight muscle groups above (the self-tests help you find them) and kneewise will suggest where to
          start.
        </p>
      )}
    </section>
  );
}
