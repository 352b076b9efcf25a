import type { IncomingMessage, ServerResponse } from "node:http";

// Writing an answer to a socket whose reader sleeps costs the writer that reader's wake-up,
// on a virtual machine more than everything else an answer costs (docs/benchmarks.md,
// `npm run bench:verify`). A busy server reads many requests in one turn of the event loop; their answers are
// written together at the end of that turn (setImmediate runs right after the poll), so the
// reader is woken once for the lot. When idle, a turn holds one request and nothing waits.
//
// A small request's body comes in the same packet as its headers: by the end of the turn
// Node has parsed it, and it is read in one call instead of through the stream's events
// (two deferred ticks, a 'data' and an 'end' per request; docs/benchmarks.md has what
// that costs).

const queued: { res: ServerResponse; body: string }[] = [];
// Flushes queued and not yet run. The bodies' read queues one of its own behind it: the
// answers made from those bodies (in the microtasks after it) still leave in this turn.
let flushes = 0;

function flush() {
  flushes--;
  // The queue is swapped first: an answer ended here never joins this batch.
  const batch = queued.splice(0);
  for (const { res, body } of batch) res.end(body);
}

function queueFlush() {
  flushes++;
  setImmediate(flush);
}

/** `res.end(body)` at the end of this event-loop turn, with every other answer of the turn. */
export function endSoon(res: ServerResponse, body: string): void {
  queued.push({ res, body });
  if (flushes === 0) queueFlush();
}

const waiting: { req: IncomingMessage; resolve: (body: string | Promise<string>) => void; orElse: () => Promise<string> }[] = [];

function readBodies() {
  for (const { req, resolve, orElse } of waiting.splice(0)) {
    // `complete`: Node has parsed the body to its Content-Length, so all of it is buffered.
    resolve(req.complete ? ((req.read() as Buffer | null)?.toString("utf8") ?? "") : orElse());
  }
}

/**
 * The request's whole body (UTF-8), read at the end of this turn when Node has parsed it by
 * then; otherwise `orElse()`, which reads it from the stream as it comes.
 */
export function bodyAtTurnEnd(req: IncomingMessage, orElse: () => Promise<string>): Promise<string> {
  return new Promise((resolve) => {
    if (waiting.push({ req, resolve, orElse }) === 1) {
      setImmediate(readBodies);
      queueFlush();
    }
  });
}
