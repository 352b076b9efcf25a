import { Client } from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded";

/** An empty database of the lane's kind, for tests that must start from nothing. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.KH_TEST_LANE !== "postgres") {
    const embedded = await startEmbeddedDatabase("memory://");
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `kh_fresh_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
