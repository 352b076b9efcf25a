import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from "fastify";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { log } from "../log";
import { enabledProfiles } from "../profiles/enabled";
import { COMPAT_ROUTES } from "./compat/routes";
import { BODY_LIMIT, withFastRoutes } from "./fast-routes";
import type { RequestListener, Server } from "node:http";
import { ApiError } from "./errors";
import { errorEnvelope } from "./envelope";
import { handleApiError } from "./error-handler";
import { healthRoutes } from "./health";
import { keyAuth } from "./key-auth";
import { identityRoutes } from "./routes/identities";
import { keyRoutes } from "./routes/keys";
import { memoryRoutes } from "./routes/memories";
import { pingRoutes } from "./routes/ping";
import { usageRoutes } from "./routes/usage";
import { verifyRoutes } from "./routes/verify";
import { requestId } from "./request-id";
import { countHttpRequest } from "../metrics/metrics";
import { settings } from "../config/settings";

export const API_PREFIX = "/api/v1";
/** Each enabled compatibility profile is served at /compat/<profile>/. */
export const COMPAT_PREFIX = "/compat";

export interface ApiOptions {
  logger?: boolean;
  serverFactory?: FastifyServerFactory;
}

/**
 * The API as server.ts (beside Next) and the tests mount it on a node:http server: one
 * request listener, the fast routes first, then Fastify.
 */
export async function buildApiListener(server: Server, options: Omit<ApiOptions, "serverFactory"> = {}) {
  let fastify: RequestListener = () => {};
  const app = await buildApi({
    ...options,
    serverFactory: (handler) => {
      fastify = handler;
      return server;
    },
  });
  await app.ready();
  return { app, listener: withFastRoutes(app, fastify) };
}

/** The /api/v1 HTTP API (and the profiles' /compat routes), as a Fastify instance. */
async function buildApi(options: ApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance: log() as FastifyBaseLogger }),
    bodyLimit: BODY_LIMIT,
    // One log line per request costs a fifth of the throughput; errors are always logged.
    logController: new LogController({ disableRequestLogging: !settings().LOG_REQUESTS }),
    genReqId: requestId,
    serverFactory: options.serverFactory,
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot decode (`/keys/%FF`) never reaches a route or a hook: answer
    // it in our envelope too, with its request id.
    frameworkErrors: (err, req, reply) => {
      reply.header("x-request-id", req.id);
      handleApiError(err.code === "FST_ERR_BAD_URL" ? new ApiError("BAD_REQUEST", "Malformed URL") : err, req, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook("onResponse", async (req, reply) => {
    // The route's pattern, not the URL: one series per route, whatever the ids in it.
    countHttpRequest(req.method, req.routeOptions.url ?? "unmatched", reply.statusCode);
  });
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    // Swagger UI's page loads its assets relative to the URL: it needs the trailing slash.
    if (req.url === `${API_PREFIX}/docs`) return reply.redirect(`${API_PREFIX}/docs/`);
  });
  // Every route documents the error envelope for each status it can answer with, so
  // /api/v1/openapi.json lists the errors as well as the successes.
  app.addHook("onRoute", (route) => {
    if (!route.schema || route.schema.hide) return;
    const keyed = Boolean(route.config?.auth);
    const statuses = [400, 404, 500, ...(keyed ? [401, 403, 429, 503] : []), ...(route.schema.body ? [413] : [])];
    const errors = Object.fromEntries(statuses.map((status) => [status, errorEnvelope]));
    route.schema.response = { ...errors, ...(route.schema.response as object) };
  });
  app.setErrorHandler(handleApiError);
  app.decorateRequest("apiKey", undefined);
  // An empty JSON body is no body (`POST /keys/:id/rotate` with Content-Type set and
  // nothing sent); routes whose body is required still answer 400 through validation.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    if (body === "") return done(null, undefined);
    parseJson(req, body as string, done);
  });
  app.setNotFoundHandler((req, reply) => handleApiError(new ApiError("NOT_FOUND", "Not found"), req, reply));

  await app.register(swagger, {
    openapi: {
      info: { title: "Keyhouse API", version: "1.0.0", description: "API-key verification and the reference memories API." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      await api.register(keyAuth);
      await api.register(healthRoutes);
      await api.register(pingRoutes);
      await api.register(verifyRoutes);
      await api.register(keyRoutes);
      await api.register(identityRoutes);
      await api.register(usageRoutes);
      await api.register(memoryRoutes);
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
      // The API reference, rendered from the same document by Swagger UI (served from
      // node_modules, no CDN): /api/v1/docs.
      await api.register(swaggerUi, { routePrefix: "/docs", uiConfig: { deepLinking: true, tryItOutEnabled: false }, staticCSP: false });
    },
    { prefix: API_PREFIX },
  );

  for (const profile of enabledProfiles()) {
    await app.register(
      async (compat) => {
        await compat.register(keyAuth, { profile: profile.id });
        await compat.register(COMPAT_ROUTES[profile.id]);
      },
      { prefix: `${COMPAT_PREFIX}/${profile.id}` },
    );
  }
  return app;
}
