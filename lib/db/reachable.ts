import { db } from "./client";

/** Whether the database answers within 1.5 s (health checks; never throws). */
export async function databaseReachable(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1500).unref());
  const query = db().$queryRaw`SELECT 1`.then(() => true).catch(() => false);
  return Promise.race([query, timeout]);
}
