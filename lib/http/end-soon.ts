import type { ServerResponse } from "node:http";

// Writing an answer to a socket whose reader sleeps costs the writer that reader's wake-up:
// on a virtual machine about 50 µs inside `writev`, more than everything else an answer
// costs (measured with `npm run bench:verify` at 32 connections: 77% of the server's busy
// time). A busy server reads many requests in one turn of the event loop; their answers are
// written together at the end of that turn (setImmediate runs right after the poll), so the
// reader is woken once for the lot. When idle, a turn holds one request and nothing waits.

const queued: { res: ServerResponse; body: string }[] = [];

function flush() {
  // The queue is swapped first: an answer ended here never joins this batch.
  const batch = queued.splice(0);
  for (const { res, body } of batch) res.end(body);
}

/** `res.end(body)` at the end of this event-loop turn, with every other answer of the turn. */
export function endSoon(res: ServerResponse, body: string): void {
  if (queued.push({ res, body }) === 1) setImmediate(flush);
}
