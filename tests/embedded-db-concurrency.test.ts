// The embedded database serves every connection from one PGlite backend; concurrent
// parameterized queries and transactions from many connections must not mix up their
// statements (lib/db/pglite-queue.ts). Without that fix this fails within a few hundred
// operations with "bind message supplies 3 parameters, but prepared statement "" requires 2".
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";

let embedded: EmbeddedDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  embedded = await startEmbeddedDatabase("memory://");
  pool = new pg.Pool({ connectionString: embedded.url, max: 10 });
  await pool.query("create table t (id serial primary key, a text, b text)");
});
afterAll(async () => {
  await pool.end();
  await embedded.stop();
});

async function transaction(i: number) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("insert into t (a, b) values ($1, $2)", [`row ${i}`, "x".repeat(i % 3000)]);
    const [count, echo] = await Promise.all([
      client.query("select count(*)::int as n from t where a = $1", [`row ${i}`]),
      client.query("select $1::int as a, $2::int as b, $3::int as c", [i, i + 1, i + 2]),
    ]);
    await client.query("COMMIT");
    return count.rows[0].n === 1 && echo.rows[0].c === i + 2;
  } finally {
    client.release();
  }
}

it("keeps 2,000 concurrent queries and transactions from 10 connections apart", async () => {
  const errors: string[] = [];
  let wrong = 0;
  await Promise.all(
    Array.from({ length: 2000 }, async (_, i) => {
      try {
        if (i % 2) {
          if (!(await transaction(i))) wrong++;
        } else {
          const r = await pool.query("select $1::text as x, $2::int as y", ["a".repeat(i % 20_000), i]);
          if (r.rows[0].y !== i) wrong++;
        }
      } catch (err) {
        errors.push((err as Error).message);
      }
    }),
  );
  expect(errors.slice(0, 3)).toEqual([]);
  expect(wrong).toBe(0);
  expect((await pool.query("select count(*)::int as n from t")).rows[0].n).toBe(1000);
});
