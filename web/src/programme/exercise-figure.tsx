import type { ProgrammeExerciseView } from "../../../src/contracts/programmes.js";

/**
 * An exercise's picture, drawn by the server from the same poses as its page: the loop from
 * start to end position, or, for people who ask for reduced motion, the two stills side by side.
 */
export function ExerciseFigure({ figure }: { figure: NonNullable<ProgrammeExerciseView["figure"]> }) {
  return (
    <picture className="exercise-thumb">
      <source media="(prefers-reduced-motion: reduce)" srcSet={figure.stillUrl} />
      <img src={figure.url} alt={figure.alt} width={320} height={240} loading="lazy" />
    </picture>
  );
}
