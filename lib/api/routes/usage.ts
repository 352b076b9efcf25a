import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiKeyActor } from "../../keys/api-actor";
import { recordId } from "../../validation/text";
import { getUsageForOrg, USAGE_GRANULARITIES } from "../../usage/queries";
import { envelope, ok } from "../envelope";
import { ApiError } from "../errors";

const MAX_RANGE_MS = 90 * 86_400_000;

export const usageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/usage",
    {
      // The organization's usage is an admin read, as in the Memory OS contract.
      config: { auth: { scopes: ["admin"] } },
      schema: {
        summary: "Requests of the caller's organization by outcome, per minute, hour or day",
        tags: ["usage"],
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          granularity: z.enum(USAGE_GRANULARITIES).default("hour"),
          keyId: recordId().optional(),
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
      if (from >= to) throw new ApiError("BAD_REQUEST", "Invalid querystring field 'from': must be before 'to'");
      if (to.getTime() - from.getTime() > MAX_RANGE_MS)
        throw new ApiError("BAD_REQUEST", "Invalid querystring: the range is at most 90 days");
      const rows = await getUsageForOrg(req.apiKey!.organizationId!, {
        from,
        to,
        granularity: req.query.granularity,
        keyId: req.query.keyId,
      });
      return ok(
        req,
        rows.map((r) => ({ ...r, time: r.time.toISOString() })),
      );
    },
  );
};
