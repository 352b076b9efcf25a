// Fills the database with demo accounts, so the support console and the usage pages can be
// tried at once: one organization per plan and a suspended one, each with members, keys and
// 30 days of usage, plus a support staff user. The sign-in details go to
// data/demo-credentials.txt (mode 0600).
//   npm run seed:demo          (the running server's embedded database, or DATABASE_URL)
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MemberRole, Plan } from "@prisma/client";

const DEMO_ORGS: { name: string; slug: string; plan: Plan; suspended?: boolean; dailyPerKey: number }[] = [
  { name: "Demo Free Co", slug: "demo-free", plan: "FREE", dailyPerKey: 300 },
  { name: "Demo Pro Labs", slug: "demo-pro", plan: "PRO", dailyPerKey: 8_000 },
  { name: "Demo Enterprise Inc", slug: "demo-enterprise", plan: "ENTERPRISE", dailyPerKey: 60_000 },
  { name: "Demo Suspended Ltd", slug: "demo-suspended", plan: "PRO", suspended: true, dailyPerKey: 2_000 },
];
const MEMBERS: [string, MemberRole][] = [
  ["owner", "OWNER"],
  ["admin", "ADMIN"],
  ["dev", "MEMBER"],
  ["viewer", "VIEWER"],
];
const KEYS = ["Production", "Staging", "CI", "Analytics worker", "Mobile app"];

async function main() {
  const urlFile = path.resolve(process.env.KEYHOUSE_DATA_DIR ?? "data", "pglite.url");
  if (!process.env.DATABASE_URL && existsSync(urlFile)) process.env.DATABASE_URL = readFileSync(urlFile, "utf8").trim();
  if (!process.env.DATABASE_URL) throw new Error("Start the server first (npm start), or set DATABASE_URL.");
  const { db } = await import("../lib/db/client");
  const { hashPassword } = await import("../lib/auth/password");
  const { createKey } = await import("../lib/keys/service");
  const { createKeyInputSchema } = await import("../lib/keys/schemas");
  const { suspendOrganization } = await import("../lib/orgs/suspension");

  if (await db().organization.findUnique({ where: { slug: DEMO_ORGS[0].slug } })) {
    console.log("The demo data is already there (organization demo-free exists).");
    return db().$disconnect();
  }
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  const cli = { type: "cli" as const, id: null, label: "seed:demo" };
  const support = await db().user.create({ data: { email: "support@demo.test", name: "Sam Support", passwordHash, staffRole: "SUPPORT" } });

  for (const spec of DEMO_ORGS) {
    const org = await db().organization.create({ data: { name: spec.name, slug: spec.slug, plan: spec.plan } });
    for (const [who, role] of MEMBERS) {
      const user = await db().user.create({ data: { email: `${who}@${spec.slug}.test`, name: `${who} of ${spec.name}`, passwordHash } });
      await db().membership.create({ data: { organizationId: org.id, userId: user.id, role } });
    }
    for (const [i, name] of KEYS.entries()) {
      const input = createKeyInputSchema.parse({ name, environment: i === 1 ? "test" : "live" });
      await createKey({ id: org.id, plan: spec.plan }, input, cli);
    }
    await seedUsage(org.id, spec.dailyPerKey);
    if (spec.suspended) {
      await suspendOrganization(spec.slug, { note: "Chargeback on invoice 2041 (demo)", message: "Your last payment failed. Update your card or contact billing." }, {
        type: "staff",
        id: support.id,
        label: support.email,
      });
    }
  }
  // The shared password goes to a file only its owner can read, never to the terminal or a log.
  const dataDir = path.resolve(process.env.KEYHOUSE_DATA_DIR ?? "data");
  mkdirSync(dataDir, { recursive: true });
  const credentials = path.join(dataDir, "demo-credentials.txt");
  const accounts = [
    "support@demo.test (support staff: open /support)",
    ...DEMO_ORGS.map((spec) => `owner@${spec.slug}.test, admin@…, dev@…, viewer@… (${spec.plan}${spec.suspended ? ", suspended" : ""})`),
  ];
  writeFileSync(credentials, `password: ${password}\n${accounts.join("\n")}\n`, { mode: 0o600 });
  console.log(`Demo data created. Sign-in details for these accounts: ${credentials} (readable by you only).`);
  for (const a of accounts) console.log(`  ${a}`);
  await db().$disconnect();

  // 30 days of hourly rollups per key (a daily rhythm, some refusals), their day sums and the
  // organization's totals: what the usage buffer would have written.
  async function seedUsage(organizationId: string, dailyPerKey: number) {
    const hour = 3_600_000;
    const now = Date.now() - (Date.now() % hour);
    await db().$executeRaw`
      INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
      SELECT k."id", k."organizationId", 'hour', h,
        greatest(0, round(${dailyPerKey / 24}::float * (1 + 0.6 * sin(extract(hour FROM h) / 24 * 2 * pi())) * (0.7 + random() * 0.6)))::int,
        (random() * 3)::int, (random() * 2)::int, (random() * 4)::int, (random() * 1.2)::int
      FROM "ApiKey" k, generate_series(${new Date(now - 30 * 24 * hour)}::timestamp, ${new Date(now)}::timestamp, interval '1 hour') h
      WHERE k."organizationId" = ${organizationId}`;
    await db().$executeRaw`
      INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
      SELECT "keyId", "organizationId", 'day', date_trunc('day', "minute"), sum("ok"), sum("unauthorized"), sum("forbidden"), sum("rateLimited"), sum("other")
      FROM "UsageRollup" WHERE "organizationId" = ${organizationId} AND "period" = 'hour' GROUP BY 1, 2, 4`;
    await db().$executeRaw`
      INSERT INTO "UsageOrgRollup" ("organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
      SELECT "organizationId", "period", "minute", sum("ok"), sum("unauthorized"), sum("forbidden"), sum("rateLimited"), sum("other")
      FROM "UsageRollup" WHERE "organizationId" = ${organizationId} GROUP BY 1, 2, 3`;
    await db().apiKey.updateMany({ where: { organizationId }, data: { lastUsedAt: new Date(now), lastUsedIp: "203.0.113.7", lastUsedUserAgent: "demo-client/1.0" } });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
