/**
 * "Add these pairs?": the gear names the runner's activities carry that match no pair, with when
 * and how far each was worn, added one at a time or all at once. Adding one puts its past runs on
 * it. Shown after an import and on the Shoes page.
 */
import { useCallback, useEffect, useState } from "react";
import type { ShoeOffer, ShoeOfferAcceptResponse, ShoeOfferList } from "../../../src/contracts/shoes.js";
import { api, ApiError } from "../api.js";
import { formatDistance, shortDate } from "../load/format.js";
import { useSession } from "../shell/session.js";

export function ShoeOffers({ onAdded, headingLevel = 2 }: { onAdded?: (names: string[]) => void; headingLevel?: 2 | 3 }) {
  const { units } = useSession();
  const [offers, setOffers] = useState<ShoeOffer[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");

  const load = useCallback(async () => {
    try {
      setOffers((await api<ShoeOfferList>("GET", "/api/shoes/offers")).offers);
    } catch {
      setOffers([]);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (gear: string[]) => {
    setBusy(true);
    try {
      const { created } = await api<ShoeOfferAcceptResponse>("POST", "/api/shoes/offers", { gear });
      const names = created.map((s) => s.name);
      setMessage(
        names.length === 0
          ? "Those pairs are already in your shoes."
          : `Added ${names.join(", ")}, with ${names.length === 1 ? "its" : "their"} past runs.`,
      );
      onAdded?.(names);
      await load();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : "The pairs could not be added.");
    } finally {
      setBusy(false);
    }
  };

  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="shoe-offers" aria-labelledby="shoe-offers-title" hidden={offers !== null && offers.length === 0 && message === ""}>
      {offers !== null && offers.length > 0 ? (
        <>
          <H id="shoe-offers-title">Add these pairs?</H>
          <p>
            Your activities name {offers.length === 1 ? "a pair" : `${offers.length} pairs`} of shoes that kneewise does not know yet. Adding one counts
            the runs already done in it.
          </p>
          <ul className="cards">
            {offers.map((o) => (
              <li key={o.gear} className="card shoe-offer">
                <h3>{o.gear}</h3>
                <p>
                  {formatDistance(o.distanceM, units)} in {o.activities} {o.activities === 1 ? "activity" : "activities"},{" "}
                  {o.firstUsed === o.lastUsed ? `on ${shortDate(o.firstUsed, true)}` : `${shortDate(o.firstUsed, true)} to ${shortDate(o.lastUsed, true)}`}
                </p>
                <button type="button" className="secondary" disabled={busy} onClick={() => void add([o.gear])} aria-label={`Add ${o.gear}`}>
                  Add this pair
                </button>
              </li>
            ))}
          </ul>
          {offers.length > 1 ? (
            <button type="button" disabled={busy} onClick={() => void add(offers.map((o) => o.gear))}>
              Add all {offers.length} pairs
            </button>
          ) : null}
        </>
      ) : (
        <H id="shoe-offers-title" className="visually-hidden">
          Pairs from your activities
        </H>
      )}
      <p role="status" className="notice-text">
        {message}
      </p>
    </section>
  );
}
