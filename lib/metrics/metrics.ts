import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { processSingleton } from "../process-singleton";

// The process's Prometheus metrics (prom-client), served by lib/metrics/server.ts. Each
// module that has something to count calls one of the small functions below, so the names,
// labels and buckets live here and nowhere else.

function build() {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "keyhouse" });
  // CPU, memory, GC, handles and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const m = {
    registry,
    verifications: new Counter({
      name: "keyhouse_verifications_total",
      help: "Key verifications by outcome code and compatibility profile",
      labelNames: ["outcome", "profile"] as const,
      registers: [registry],
    }),
    verifySeconds: new Histogram({
      name: "keyhouse_verify_duration_seconds",
      help: "Time to verify one key, from the presented string to the answer",
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registers: [registry],
    }),
    keyCache: new Counter({
      name: "keyhouse_key_cache_total",
      help: "Key look-ups answered from the in-process cache (hit) or the database (miss)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    lookupBatch: new Histogram({
      name: "keyhouse_key_lookup_batch_size",
      help: "Keys read from the database in one query",
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    deadlineHits: new Counter({
      name: "keyhouse_database_deadline_hits_total",
      help: "Database calls on the verify path that missed their deadline or failed (answered 503)",
      registers: [registry],
    }),
    redisFallbacks: new Counter({
      name: "keyhouse_redis_fallbacks_total",
      help: "Rate-limit checks decided in memory because Redis could not answer",
      registers: [registry],
    }),
    writeBackFailures: new Counter({
      name: "keyhouse_write_back_failures_total",
      help: "Failed writes of buffered usage counts or spent credits (kept and retried)",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: "keyhouse_http_requests_total",
      help: "API requests by route and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
  };
  // Pre-created so a scrape lists them at 0 before the first event.
  m.keyCache.labels("hit");
  m.keyCache.labels("miss");
  m.writeBackFailures.labels("usage");
  m.writeBackFailures.labels("credits");
  return m;
}

const metrics = () => processSingleton("metrics", build);

export const metricsRegistry = () => metrics().registry;

// The verify path's counters, one child per (outcome, profile) kept at hand: a labels()
// lookup per verification would cost more than the increment.
const verificationChildren = new Map<string, { inc: () => void }>();

export function countVerification(outcome: string, profile: string, seconds: number): void {
  const m = metrics();
  const name = `${outcome} ${profile}`;
  let child = verificationChildren.get(name);
  if (!child) verificationChildren.set(name, (child = m.verifications.labels(outcome, profile)));
  child.inc();
  m.verifySeconds.observe(seconds);
}
export const countKeyCache = (hit: boolean) => metrics().keyCache.labels(hit ? "hit" : "miss").inc();
export const countLookupBatch = (size: number) => metrics().lookupBatch.observe(size);
export const countDeadlineHit = () => metrics().deadlineHits.inc();
export const countRedisFallback = () => metrics().redisFallbacks.inc();
export const countWriteBackFailure = (kind: "usage" | "credits") => metrics().writeBackFailures.labels(kind).inc();
export const countHttpRequest = (method: string, route: string, status: number) => metrics().httpRequests.labels(method, route, String(status)).inc();
