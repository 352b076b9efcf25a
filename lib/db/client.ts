import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { processSingleton } from "../process-singleton";
import { settings } from "../config/settings";

const POOL_SIZE = settings().DATABASE_POOL_SIZE;

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (server.ts sets it for the embedded database)");
  const adapter = new PrismaPg({
    connectionString,
    max: POOL_SIZE,
    // Fail fast when the database is unreachable: the verify path must answer 503 within 2 s.
    connectionTimeoutMillis: 1500,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client (shared by Next and the Fastify API). */
export function db(): PrismaClient {
  return processSingleton("prisma", createClient);
}
