-- Usage at three resolutions side by side (see prisma/schema.prisma, UsageRollup).

-- AlterTable: the period joins the primary key.
ALTER TABLE "UsageRollup" ADD COLUMN "period" TEXT NOT NULL DEFAULT 'minute';
ALTER TABLE "UsageRollup" DROP CONSTRAINT "UsageRollup_pkey";
ALTER TABLE "UsageRollup" ADD CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("keyId", "period", "minute");
DROP INDEX "UsageRollup_organizationId_minute_idx";
CREATE INDEX "UsageRollup_organizationId_period_minute_idx" ON "UsageRollup"("organizationId", "period", "minute");

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedIp" TEXT, ADD COLUMN "lastUsedUserAgent" TEXT;

-- CreateTable
CREATE TABLE "UsageOrgRollup" (
    "organizationId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "ok" INTEGER NOT NULL DEFAULT 0,
    "unauthorized" INTEGER NOT NULL DEFAULT 0,
    "forbidden" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageOrgRollup_pkey" PRIMARY KEY ("organizationId", "period", "minute")
);

-- Written by hand: the hour and day rows, and the organizations' rows, of the usage so far.
INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
SELECT r."keyId", max(r."organizationId"), p.resolution, date_trunc(p.resolution, r."minute"),
       sum(r."ok"), sum(r."unauthorized"), sum(r."forbidden"), sum(r."rateLimited"), sum(r."other")
FROM "UsageRollup" r, (VALUES ('hour'), ('day')) AS p(resolution)
WHERE r."period" = 'minute'
GROUP BY r."keyId", p.resolution, date_trunc(p.resolution, r."minute");

INSERT INTO "UsageOrgRollup" ("organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
SELECT "organizationId", "period", "minute", sum("ok"), sum("unauthorized"), sum("forbidden"), sum("rateLimited"), sum("other")
FROM "UsageRollup"
WHERE "organizationId" IS NOT NULL
GROUP BY "organizationId", "period", "minute";
