import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ZodError } from "zod";
import { DomainError } from "../errors";
import { log } from "../log";
import { enabledProfiles } from "../profiles/enabled";
import { errorResponse, profileOfUrl } from "./compat/error-shapes";
import { ApiError } from "./errors";

// The one place where any error raised while serving /api/v1 (or a profile's /compat/ routes)
// becomes the JSON envelope (or that profile's error body). Stack traces, SQL and Prisma
// messages never reach the client.
export function handleApiError(err: FastifyError | ApiError | Error, req: FastifyRequest, reply: FastifyReply) {
  const { status, headers, body } = renderApiError(err, req.method, req.url, req.id);
  reply.headers(headers).code(status).send(body);
}

/**
 * Any error as the answer of the API (or of the URL's profile): status, headers and body.
 * Fastify's handler and the fast routes (lib/api/fast-routes.ts) both answer with this.
 */
export function renderApiError(err: FastifyError | ApiError | Error, method: string | undefined, url: string, requestId: string) {
  // Domain rules name a field; where it came from depends on the request (GET has no body).
  const apiError = toApiError(err, method === "GET" || method === "DELETE" ? "querystring" : "body");
  if (apiError.status >= 500 && apiError.code !== "SERVICE_UNAVAILABLE") {
    log().error({ err, requestId }, "unhandled error");
  }
  const profile = profileOfUrl(url, enabledProfiles().map((p) => p.id));
  return { ...errorResponse(profile, apiError, requestId), headers: apiError.headers };
}

function toApiError(err: FastifyError | ApiError | Error, fieldsIn: "querystring" | "body"): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) {
    const code = err.code === "INVALID" ? "BAD_REQUEST" : err.code;
    return new ApiError(
      code,
      err.field && code === "BAD_REQUEST" ? `Invalid ${fieldsIn} field '${err.field}': ${err.message}` : err.message,
    );
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.join(".");
    return new ApiError(
      "BAD_REQUEST",
      field ? `Invalid ${fieldsIn} field '${field}': ${issue.message}` : `Invalid ${fieldsIn}: ${issue?.message}`,
    );
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? "request";
    const first = err.validation[0];
    const field = first?.instancePath?.replace(/^\//, "").replace(/\//g, ".") || null;
    const message = first?.message ?? "is invalid";
    return new ApiError("BAD_REQUEST", field ? `Invalid ${where} field '${field}': ${message}` : `Invalid ${where}: ${message}`);
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError("PAYLOAD_TOO_LARGE", "Request body is larger than 64 KiB");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError("BAD_REQUEST", "Request body is empty; send a JSON object");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError("BAD_REQUEST", "Content-Type must be application/json");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError("BAD_REQUEST", "Content-Length does not match the body");
  }
  if (err instanceof SyntaxError || fe.statusCode === 400) {
    return new ApiError("BAD_REQUEST", "Malformed JSON body");
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ApiError("BAD_REQUEST", "Bad request");
  }
  return new ApiError("INTERNAL_ERROR", "Internal error");
}
