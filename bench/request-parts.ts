// What each part of a verify request costs, in this process: Node's own HTTP parser and
// writer run over in-memory sockets, with no kernel and no load generator in the figure. On
// this VM the wrk cases move by a third from one minute to the next; these rounds alternate
// within a second, so a change of one microsecond shows. Each row adds one part:
//   a bare handler answering a small fixed JSON (the (c) server's work);
//   a bare handler writing the very headers and body of one of our verify answers;
//   the same, reading (as the route does) and parsing the request's body first;
//   the verify route itself (lib/api/fast-routes.ts, as server.ts mounts it).
import http from "node:http";
import { Duplex } from "node:stream";

/** One request of the rotation (wrk's and these sockets'). */
export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const CONNECTIONS = 32;

function wire(r: BenchRequest): Buffer {
  const headers = {
    host: "127.0.0.1",
    ...r.headers,
    ...(r.body === undefined ? {} : { "content-length": String(Buffer.byteLength(r.body)) }),
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`${r.method} ${r.path} HTTP/1.1\r\n${head.join("")}\r\n${r.body ?? ""}`);
}

/**
 * A connection to `server` that calls `answered` with each whole answer (headers, then
 * Content-Length bytes) and sends its next request when that returns true.
 */
function connection(server: http.Server, next: () => Buffer, answered: (head: string, body: Buffer) => boolean) {
  let pending: Buffer = Buffer.alloc(0);
  const received = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const end = pending.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = pending.subarray(0, end).toString("latin1");
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (pending.length < end + 4 + length) return;
    const body = pending.subarray(end + 4, end + 4 + length);
    pending = pending.subarray(end + 4 + length);
    // The next request in a later turn, as from a socket: never inside the server's own write.
    if (answered(head, body)) setImmediate(() => socket.push(next()));
  };
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      received(chunk);
      done();
    },
    writev(chunks, done) {
      for (const { chunk } of chunks) received(chunk as Buffer);
      done();
    },
  });
  // What node:http asks of a net.Socket.
  Object.assign(socket, {
    remoteAddress: "127.0.0.1",
    remotePort: 40000,
    setTimeout: () => socket,
    setNoDelay: () => socket,
    setKeepAlive: () => socket,
  });
  server.emit("connection", socket);
  socket.push(next());
  return socket;
}

/** µs per request over `ms` of 32 connections; throws unless every answer had `status`. */
async function round(server: http.Server, next: () => Buffer, ms: number, status: string): Promise<number> {
  const statuses = new Map<string, number>();
  let stopped = false;
  const start = performance.now();
  const count = (head: string) => {
    if (stopped) return false; // in flight at the end of the round: not in its time
    const code = head.slice(9, 12);
    statuses.set(code, (statuses.get(code) ?? 0) + 1);
    return true;
  };
  const sockets = Array.from({ length: CONNECTIONS }, () => connection(server, next, count));
  await new Promise((resolve) => setTimeout(resolve, ms));
  stopped = true;
  const elapsed = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the requests in flight end before their sockets go
  for (const s of sockets) s.destroy();
  const answers = statuses.get(status) ?? 0;
  if (statuses.size !== 1 || !answers)
    throw new Error(`request parts: expected only ${status} answers, got ${JSON.stringify([...statuses])}`);
  return (elapsed * 1000) / answers;
}

export interface Part {
  label: string;
  /** µs per request: the fastest round and the median round. */
  fastest: number;
  median: number;
}

/**
 * The parts, in alternating rounds of `ms` (after a warm-up of each). `requests` are verify
 * requests that the route answers 200; `sample` is one of its answers (headers as name,
 * value, …, with Content-Length).
 */
export async function measureRequestParts(
  requests: BenchRequest[],
  sample: { headers: string[]; body: string },
  rounds = 20,
  ms = 250,
): Promise<Part[]> {
  const { buildApiListener } = await import("../lib/api/app");
  const { CLIENT_IP_HEADER, clientIp, trustProxyFromEnv } = await import("../lib/http/client-ip");
  const { readBody } = await import("../lib/api/fast-routes");
  let api: http.RequestListener = () => {};
  const route = http.createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientIp(req, trustProxyFromEnv());
    api(req, res);
  });
  api = (await buildApiListener(route, { logger: false })).listener;

  const wired = requests.map(wire);
  let n = 0;
  const next = () => wired[n++ % wired.length];

  const small = '{"data":{"valid":true}}';
  const parts: [string, http.Server][] = [
    [
      "bare: a small fixed JSON",
      http.createServer((_req, res) =>
        res.writeHead(200, ["content-type", "application/json", "content-length", String(small.length)]).end(small),
      ),
    ],
    [
      "bare: our verify answer's headers and body",
      http.createServer((_req, res) => res.writeHead(200, sample.headers).end(sample.body)),
    ],
    [
      "bare: the same, after reading the JSON body",
      http.createServer(async (req, res) => {
        JSON.parse(await readBody(req, Number(req.headers["content-length"]))); // as the route reads it
        res.writeHead(200, sample.headers).end(sample.body);
      }),
    ],
    ["POST /api/v1/keys/verify", route],
  ];
  const figures = parts.map(() => [] as number[]);
  for (const [, server] of parts) await round(server, next, 1000, "200");
  for (let r = 0; r < rounds; r++) {
    for (const [i, [, server]] of parts.entries()) figures[i].push(await round(server, next, ms, "200"));
  }
  return parts.map(([label], i) => {
    const sorted = figures[i].sort((x, y) => x - y);
    return { label, fastest: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
  });
}
