import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's env("DATABASE_URL") must resolve even where no database is configured
// (npm install, build): without it the CLI falls back to downloading a native engine.
process.env.DATABASE_URL ??= "postgres://localhost/keyhouse";

// engine "js" keeps the CLI from downloading a native schema engine (generate and
// migrate diff work offline); migrations are applied by lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
