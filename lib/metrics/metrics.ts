import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { processSingleton } from "../process-singleton";

// The process's Prometheus metrics (prom-client), served by lib/metrics/server.ts. Each
// module that has something to count calls one of the small functions below, so the names,
// labels and buckets live here and nowhere else.

// The verify path counts in plain numbers (an increment, no label hashing) and prom-client
// reads them when scraped: a prom-client call per request would cost a sizeable share of a
// verification (measured in `npm run bench:verify`, docs/benchmarks.md).
const VERIFY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5];

interface Tally<L> {
  labels: L;
  n: number;
  reported: number;
}

/** Counts per label set, kept in a Map by a string key; read into `counter` at scrape time. */
class Tallies<L extends Record<string, string>> {
  private readonly byKey = new Map<string, Tally<L>>();
  add(key: string, labels: () => L): void {
    const t = this.byKey.get(key);
    if (t) t.n++;
    else this.byKey.set(key, { labels: labels(), n: 1, reported: 0 });
  }
  reportTo(counter: Counter<string>): void {
    for (const t of this.byKey.values()) {
      if (t.n === t.reported) continue;
      counter.inc(t.labels, t.n - t.reported);
      t.reported = t.n;
    }
  }
}

function build() {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "keyhouse" });
  // CPU, memory, GC, handles and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const hot = {
    verifications: new Tallies<{ outcome: string; profile: string }>(),
    http: new Tallies<{ method: string; route: string; status: string }>(),
    cache: { hit: 0, miss: 0, reportedHit: 0, reportedMiss: 0 },
    // Per bucket (not cumulative), then +Inf; and the sum of the observed seconds.
    verifyBuckets: new Float64Array(VERIFY_BUCKETS.length + 1),
    verifySum: 0,
    verifyCount: 0,
  };
  new Counter({
    name: "keyhouse_verifications_total",
    help: "Key verifications by outcome code and compatibility profile",
    labelNames: ["outcome", "profile"] as const,
    registers: [registry],
    collect() {
      hot.verifications.reportTo(this);
    },
  });
  new Counter({
    name: "keyhouse_key_cache_total",
    help: "Key look-ups answered from the in-process cache (hit) or the database (miss)",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      const c = hot.cache;
      this.inc({ result: "hit" }, c.hit - c.reportedHit);
      this.inc({ result: "miss" }, c.miss - c.reportedMiss);
      c.reportedHit = c.hit;
      c.reportedMiss = c.miss;
    },
  });
  new Counter({
    name: "keyhouse_http_requests_total",
    help: "API requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
    collect() {
      hot.http.reportTo(this);
    },
  });
  const verifyName = "keyhouse_verify_duration_seconds";
  registry.registerMetric({
    name: verifyName,
    help: "Time to verify one key, from the presented string to the answer",
    type: "histogram",
    get: async () => {
      let cumulative = 0;
      const buckets = [...VERIFY_BUCKETS, "+Inf" as const].map((le, i) => {
        cumulative += hot.verifyBuckets[i];
        return { labels: { le }, value: cumulative, metricName: `${verifyName}_bucket` };
      });
      return {
        name: verifyName,
        help: "Time to verify one key, from the presented string to the answer",
        type: "histogram",
        aggregator: "sum",
        values: [...buckets, { labels: {}, value: hot.verifySum, metricName: `${verifyName}_sum` }, { labels: {}, value: hot.verifyCount, metricName: `${verifyName}_count` }],
      };
    },
    reset() {},
  } as unknown as Parameters<Registry["registerMetric"]>[0]);
  const m = {
    registry,
    hot,
    lookupBatch: new Histogram({
      name: "keyhouse_key_lookup_batch_size",
      help: "Keys read from the database in one query",
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    deadlineHits: new Counter({
      name: "keyhouse_database_deadline_hits_total",
      help: "Database calls of the verify path and health checks that missed their deadline or failed",
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
  };
  // Pre-created so a scrape lists them at 0 before the first event.
  m.writeBackFailures.labels("usage");
  m.writeBackFailures.labels("credits");
  return m;
}

const metrics = () => processSingleton("metrics", build);

export const metricsRegistry = () => metrics().registry;

export function countVerification(outcome: string, profile: string, seconds: number): void {
  const hot = metrics().hot;
  hot.verifications.add(`${outcome} ${profile}`, () => ({ outcome, profile }));
  let bucket = 0;
  while (bucket < VERIFY_BUCKETS.length && seconds > VERIFY_BUCKETS[bucket]) bucket++;
  hot.verifyBuckets[bucket]++;
  hot.verifySum += seconds;
  hot.verifyCount++;
}
export function countKeyCache(hit: boolean): void {
  const cache = metrics().hot.cache;
  if (hit) cache.hit++;
  else cache.miss++;
}
export const countLookupBatch = (size: number) => metrics().lookupBatch.observe(size);
export const countDeadlineHit = () => metrics().deadlineHits.inc();
export const countRedisFallback = () => metrics().redisFallbacks.inc();
export const countWriteBackFailure = (kind: "usage" | "credits") => metrics().writeBackFailures.labels(kind).inc();
export function countHttpRequest(method: string, route: string, status: number): void {
  metrics().hot.http.add(`${method} ${route} ${status}`, () => ({ method, route, status: String(status) }));
}
