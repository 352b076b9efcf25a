// Several instances started at once on an empty database (docs/operations.md, "Several instances"
// recipe): one seeds the first accounts, the others start without them, none fails.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "../lib/db/migrate";
import { freshDatabase } from "./helpers/fresh-database";

const run = promisify(execFile);

describe("first start", () => {
  it("two seeds racing on one empty database: one seeds, the other finds it seeded, nothing is doubled", async () => {
    const fresh = await freshDatabase();
    try {
      await migrate(fresh.url, "prisma/migrations");
      // Both count the users before either has written them: the race two instances run.
      const script = `import("./lib/seed.ts").then(async (m) => {
        const { seedIfEmpty } = m.default ?? m;
        const results = await Promise.allSettled([seedIfEmpty(), seedIfEmpty()]);
        console.log(JSON.stringify(results.map((r) => (r.status === "fulfilled" ? r.value?.map((a) => a.email) ?? null : String(r.reason)))));
        process.exit(0);
      })`;
      const { stdout } = await run(process.execPath, ["--import", "tsx", "-e", script], {
        env: { ...process.env, DATABASE_URL: fresh.url },
      });
      const results = JSON.parse(stdout.trim().split("\n").at(-1)!) as (string[] | string | null)[];
      expect(results).toContainEqual(["owner@keyhouse.local", "support@keyhouse.local"]);
      expect(results).toContainEqual(null);

      const c = new Client({ connectionString: fresh.url });
      await c.connect();
      const users = await c.query(`SELECT email FROM "User" ORDER BY email`);
      const orgs = await c.query(`SELECT slug FROM "Organization"`);
      await c.end();
      expect(users.rows.map((r) => r.email)).toEqual(["owner@keyhouse.local", "support@keyhouse.local"]);
      expect(orgs.rows.map((r) => r.slug)).toEqual(["acme"]);
    } finally {
      await fresh.drop();
    }
  });
});
