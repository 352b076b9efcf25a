import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiKeyActor } from "../../keys/api-actor";
import { ENVIRONMENTS } from "../../keys/constants";
import { getUsageSeriesForOrg, USAGE_GRANULARITIES } from "../../usage/series";
import { recordId } from "../../validation/text";
import { DomainError } from "../../errors";
import { envelope, ok } from "../envelope";
import { notFoundError } from "../errors";

export const usageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/usage",
    {
      // The organization's usage is an admin read, as in the Memory OS contract.
      config: { auth: { scopes: ["admin"] } },
      schema: {
        summary:
          "Requests of the caller's organization by outcome, one point per minute, hour or day (the Usage page's series); " +
          "granularity defaults to the finest that draws the range in at most 200 points",
        tags: ["usage"],
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          granularity: z.enum(USAGE_GRANULARITIES).optional(),
          keyId: recordId().optional(),
          environment: z.enum(ENVIRONMENTS).optional(),
          projectId: recordId().optional(),
        }),
        response: {
          200: envelope(
            z.array(
              z.object({
                time: z.string(),
                ok: z.number(),
                unauthorized: z.number(),
                forbidden: z.number(),
                rateLimited: z.number(),
                other: z.number(),
              }),
            ),
          ),
        },
      },
    },
    async (req) => {
      // The key's creator must still belong to the organization (throws FORBIDDEN if not).
      await apiKeyActor(req.apiKey!.id, req.apiKey!.organizationId!);
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 86_400_000);
      const { granularity, points } = await getUsageSeriesForOrg(req.apiKey!.organizationId!, {
        from,
        to,
        granularity: req.query.granularity,
        keyId: req.query.keyId,
        environment: req.query.environment,
        projectId: req.query.projectId,
      }).catch((err) => {
        if (err instanceof DomainError && err.code === "NOT_FOUND") throw notFoundError();
        throw err;
      });
      return ok(
        req,
        points.map((p) => ({ ...p, time: p.time.toISOString() })),
        { granularity },
      );
    },
  );
};
