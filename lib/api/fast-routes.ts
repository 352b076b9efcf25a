import type { FastifyInstance } from "fastify";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { PROFILES } from "../profiles/catalog";
import { bodyAtTurnEnd, endSoon } from "../http/end-soon";
import { ApiError } from "./errors";
import { renderApiError } from "./error-handler";
import { securityHeaderList, setSecurityHeaders } from "../http/security-headers";
import { rateLimitHeaders, verifyRequestKey } from "./key-auth";
import { requestId } from "./request-id";
import { countHttpRequest } from "../metrics/metrics";
import { settings } from "../config/settings";
import { envelopeSerializer } from "./envelope";
import { pingAnswer, pingSchema } from "./routes/ping";
import { verifyAnswerSchema, verifyCustomerKey, verifyBodySchema } from "./routes/verify";

// The two hottest keyed routes, answered straight from node:http: a gateway's
// POST /api/v1/keys/verify and GET /api/v1/ping. Fastify's router, hooks and per-response
// schema serialization cost about as much as the whole check (measured in
// `npm run bench:verify`). Same contract: the same verify function, body schema, answer
// builders, JSON parser and error renderer as the Fastify routes, which stay registered
// (and documented) and answer every request this module passes on: another method, a
// query string, a body that is not plain JSON with a Content-Length within the limit.

const VERIFY = "/api/v1/keys/verify";
const PING = "/api/v1/ping";
export const BODY_LIMIT = 64 * 1024;
const ROOT = { root: true } as const;
const ANY_PROFILE = {};
const CREDENTIAL = PROFILES["memory-os"].credential;

type JsonParser = (body: string) => unknown;

// Every API answer carries these (set here for the fast routes, by withFastRoutes for Fastify's).
const SECURITY = securityHeaderList(false);
const verifyJson = envelopeSerializer(verifyAnswerSchema);
const pingJson = envelopeSerializer(pingSchema);

/**
 * The whole answer in one writeHead: headers as [name, value, …] (setHeader costs per call).
 * Headers are checked now (a bad one throws here, to the caller's catch); the bytes leave with
 * the rest of this turn's answers (lib/http/end-soon.ts).
 */
function send(res: ServerResponse, status: number, headers: (string | number)[], json: string) {
  headers.push("content-type", "application/json; charset=utf-8", "content-length", Buffer.byteLength(json));
  res.writeHead(status, headers as string[]);
  endSoon(res, json);
}

function fail(req: IncomingMessage, res: ServerResponse, id: string, headers: (string | number)[], err: unknown) {
  const { status, headers: extra, body } = renderApiError(err as Error, req.method, req.url ?? "/", id);
  for (const [name, value] of Object.entries(extra)) headers.push(name, value);
  send(res, status, headers, JSON.stringify(body));
}

const headerList = (id: string): (string | number)[] => [...SECURITY, "x-request-id", id];

/** The request's body: whole once Node has parsed it (lib/http/end-soon.ts), else from the stream as it comes. */
export function readBody(req: IncomingMessage, length: number): Promise<string> {
  return bodyAtTurnEnd(req, () => streamBody(req, length));
}

function streamBody(req: IncomingMessage, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= length) chunks.push(chunk);
    });
    req.on("end", () => {
      if (received !== length) reject(new ApiError("BAD_REQUEST", "Content-Length does not match the body"));
      else resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

/** A JSON body with its length declared, within the limit: what the fast path reads itself. */
function plainJsonLength(req: IncomingMessage): number | null {
  const type = req.headers["content-type"];
  if (!type || !/^application\/json\s*(;|$)/i.test(type) || req.headers["transfer-encoding"]) return null;
  const length = Number(req.headers["content-length"]);
  return Number.isInteger(length) && length > 0 && length <= BODY_LIMIT ? length : null;
}

async function verify(req: IncomingMessage, res: ServerResponse, length: number, parseJson: JsonParser) {
  const id = requestId(req);
  const headers = headerList(id);
  try {
    // As in Fastify's onRequest hook: the caller's key is checked before the body is used.
    const checked = verifyRequestKey(req, ROOT, CREDENTIAL);
    const caller = checked instanceof Promise ? await checked : checked;
    rateLimitHeaders(caller, headers);
    if (caller.code !== "VALID") throw new ApiError(caller.code, caller.message);
    const input = verifyBodySchema.parse(parseJson(await readBody(req, length)));
    const verdict = verifyCustomerKey(input);
    send(res, 200, headers, verifyJson({ data: verdict instanceof Promise ? await verdict : verdict, meta: { request_id: id } }));
  } catch (err) {
    fail(req, res, id, headers, err);
  }
  countHttpRequest("POST", VERIFY, res.statusCode);
}

async function ping(req: IncomingMessage, res: ServerResponse) {
  const id = requestId(req);
  const headers = headerList(id);
  try {
    const checked = verifyRequestKey(req, ANY_PROFILE, CREDENTIAL);
    const result = checked instanceof Promise ? await checked : checked;
    rateLimitHeaders(result, headers);
    if (result.code !== "VALID") throw new ApiError(result.code, result.message);
    send(res, 200, headers, pingJson({ data: pingAnswer(result.key!), meta: { request_id: id } }));
  } catch (err) {
    fail(req, res, id, headers, err);
  }
  countHttpRequest("GET", PING, res.statusCode);
}

/** The API's request listener: the fast routes, then Fastify for everything else. */
export function withFastRoutes(app: FastifyInstance, fastify: RequestListener): RequestListener {
  const defaultParser = app.getDefaultJsonParser("error", "error");
  // Fastify's own JSON parser (prototype-poisoning checks included), called directly; it
  // answers through its callback before returning.
  const parseJson: JsonParser = (body) => {
    let parsed: { value?: unknown; failed?: boolean } = {};
    defaultParser({} as never, body, (err, value) => (parsed = err ? { failed: true } : { value }));
    if (parsed.failed) throw new ApiError("BAD_REQUEST", "Malformed JSON body");
    return parsed.value;
  };
  // Logging every request is Fastify's job: with LOG_REQUESTS on, every request goes through it.
  if (settings().LOG_REQUESTS) {
    return (req, res) => {
      setSecurityHeaders(res, false);
      fastify(req, res);
    };
  }
  return (req, res) => {
    const url = req.url;
    if (url === VERIFY && req.method === "POST") {
      const length = plainJsonLength(req);
      if (length !== null) return void verify(req, res, length, parseJson);
    } else if (url === PING && req.method === "GET") {
      return void ping(req, res);
    }
    setSecurityHeaders(res, false);
    fastify(req, res);
  };
}
