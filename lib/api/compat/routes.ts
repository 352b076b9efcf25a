import type { FastifyPluginAsync } from "fastify";
import type { ProfileId } from "../../profiles/catalog";
import { memoryRoutes } from "../routes/memories";
import { mem0Routes } from "./mem0";
import { memlayerRoutes } from "./memlayer";
import { memoryrelayRoutes } from "./memoryrelay";
import { memorysyncRoutes } from "./memorysync";

/** Memory OS clients put /v1 after their base URL: the /api/v1 memories, hidden from the OpenAPI document. */
const memoryOsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(memoryRoutes, { prefix: "/v1", hide: true });
};

/** Each profile's routes, served under /compat/<profile>/. */
export const COMPAT_ROUTES: Record<ProfileId, FastifyPluginAsync> = {
  "memory-os": memoryOsRoutes,
  mem0: mem0Routes,
  memorysync: memorysyncRoutes,
  memoryrelay: memoryrelayRoutes,
  memlayer: memlayerRoutes,
};
