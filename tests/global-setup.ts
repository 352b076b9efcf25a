import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../lib/db/migrate";

// scripts/test.mjs starts the lane's database and passes DATABASE_URL.
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests with `npm test` (scripts/test.mjs)");
  await migrate(url, path.join(__dirname, "..", "prisma", "migrations"));
  project.provide("databaseUrl", url);
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
