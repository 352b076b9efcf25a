import { db } from "./client";
import { withDeadline } from "./deadline";

/** Whether the database answers within the verify path's deadline (health checks; never throws). */
export async function databaseReachable(): Promise<boolean> {
  return withDeadline(db().$queryRaw`SELECT 1`, "health check").then(
    () => true,
    () => false,
  );
}
