/**
 * Shoes offered from the import: the gear names of the runner's activities that match no pair,
 * and adding them (one or all). The pairs themselves are under training.ts.
 */
import type { FastifyInstance } from "fastify";
import { shoeOfferAcceptBody } from "../../contracts/shoes.js";
import type { ShoeOfferAcceptResponse, ShoeOfferList } from "../../contracts/shoes.js";
import type { App } from "../../services/app.js";
import { acceptShoeOffers, listShoeOffers } from "../../services/shoes.js";
import { requireUser } from "../auth-context.js";

export function shoeOfferRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/shoes/offers", async (request): Promise<ShoeOfferList> => {
      const user = requireUser(request);
      return listShoeOffers(app, user.id);
    });

    server.post("/api/shoes/offers", async (request, reply) => {
      const user = requireUser(request);
      const { gear } = shoeOfferAcceptBody.parse(request.body);
      const res: ShoeOfferAcceptResponse = await acceptShoeOffers(app, user.id, gear);
      return reply.status(res.created.length > 0 ? 201 : 200).send(res);
    });
  };
}
