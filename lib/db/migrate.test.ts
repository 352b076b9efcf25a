import { createHash } from "node:crypto";
import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../tests/helpers/fresh-database";
import { migrate, MigrationError } from "./migrate";

let url: string;
let database: Awaited<ReturnType<typeof freshDatabase>>;

async function query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

let dir: string;
beforeAll(async () => {
  database = await freshDatabase();
  url = database.url;
  dir = await mkdtemp(path.join(tmpdir(), "kh-migrations-"));
  await mkdir(path.join(dir, "001_first"));
  await writeFile(path.join(dir, "001_first", "migration.sql"), `CREATE TABLE "Widget" (id int primary key);`);
});

afterAll(() => database.drop());

describe("migration applier", () => {
  it("applies each migration once and records it with Prisma's checksum", async () => {
    expect(await migrate(url, dir)).toEqual({ applied: ["001_first"], skipped: 0 });
    expect(await migrate(url, dir)).toEqual({ applied: [], skipped: 1 });
    const rows = await query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"`,
    );
    const sha256 = createHash("sha256").update(`CREATE TABLE "Widget" (id int primary key);`).digest("hex");
    expect(rows).toEqual([{ migration_name: "001_first", checksum: sha256 }]);
  });

  it("stops on a broken migration and leaves the database as it was", async () => {
    const broken = path.join(dir, "002_broken");
    await mkdir(broken);
    await writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "Gadget" (id int primary key);\nSELEC oops;`);
    await expect(migrate(url, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(url, dir)).rejects.toThrow(/002_broken failed and was rolled back/);
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["Widget", "_prisma_migrations"]);
    const recorded = await query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded).toHaveLength(1);
  });

  it("refuses a migration edited after it was applied", async () => {
    const copy = await mkdtemp(path.join(tmpdir(), "kh-migrations-"));
    await cp(path.join(dir, "001_first"), path.join(copy, "001_first"), { recursive: true });
    await writeFile(path.join(copy, "001_first", "migration.sql"), `CREATE TABLE "Widget" (id bigint primary key);`);
    await expect(migrate(url, copy)).rejects.toThrow(/changed after it was applied/);
  });
});
