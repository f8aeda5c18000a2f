import type { FastifyInstance } from "fastify";
import { assessmentCompareQuery, assessmentIdParams, assessmentQuery } from "../../contracts/assessments.js";
import type { AssessmentComparison, AssessmentListResponse, AssessmentResponse } from "../../contracts/assessments.js";
import type { App } from "../../services/app.js";
import { compareAssessments, getAssessment, listAssessmentHistory, runAssessment } from "../../services/assessments.js";
import { requireUser } from "../auth-context.js";

export function assessmentRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    // Anyone may assess (a worried visitor must reach the red-flag advice without an account);
    // saving to a history needs a signed-in user.
    server.post("/api/assessments", async (request, reply): Promise<AssessmentResponse> => {
      const { save } = assessmentQuery.parse(request.query);
      const userId = save === "false" ? null : requireUser(request).id;
      const view = await runAssessment(app, userId, request.body);
      void reply.status(userId === null ? 200 : 201);
      return view;
    });

    server.get("/api/assessments", async (request): Promise<AssessmentListResponse> => {
      const user = requireUser(request);
      return { assessments: await listAssessmentHistory(app, user.id) };
    });

    server.get("/api/assessments/compare", async (request): Promise<AssessmentComparison> => {
      const user = requireUser(request);
      const { from, to } = assessmentCompareQuery.parse(request.query);
      return compareAssessments(app, user.id, from, to);
    });

    server.get("/api/assessments/:id", async (request): Promise<AssessmentResponse> => {
      const user = requireUser(request);
      const { id } = assessmentIdParams.parse(request.params);
      return getAssessment(app, user.id, id);
    });
  };
}
