/** How a pair is named wherever the runner picks or reads one: "Hoka Clifton 9", or the name alone. */
import type { ShoeView } from "../../../src/contracts/training.js";

export function pairName(s: { brand: string | null; name: string }): string {
  return s.brand ? `${s.brand} ${s.name}` : s.name;
}

/** The runner's pairs as <option>s of a shoe picker, retired ones marked. */
export function PairOptions({ shoes }: { shoes: readonly ShoeView[] }) {
  return shoes.map((s) => (
    <option key={s.id} value={s.id}>
      {pairName(s)}
      {s.retiredOn ? " (retired)" : ""}
    </option>
  ));
}
