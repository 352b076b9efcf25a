-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "identityId" TEXT,
ADD COLUMN     "limits" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "limits" JSONB NOT NULL DEFAULT '[]',
    "credits" INTEGER,
    "creditRefillAmount" INTEGER,
    "creditRefillInterval" TEXT,
    "creditsRefilledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Identity_organizationId_externalId_key" ON "Identity"("organizationId", "externalId");

-- CreateIndex
CREATE INDEX "ApiKey_identityId_idx" ON "ApiKey"("identityId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

