-- DropIndex
DROP INDEX "Memory_organizationId_createdAt_idx";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "signInUnlockedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Memory" ADD COLUMN     "environment" "KeyEnvironment" NOT NULL DEFAULT 'live';

-- CreateTable
CREATE TABLE "SignUpAttempt" (
    "id" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignUpAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignUpAttempt_ip_createdAt_idx" ON "SignUpAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "SignUpAttempt_createdAt_idx" ON "SignUpAttempt"("createdAt");

-- CreateIndex
CREATE INDEX "Memory_organizationId_environment_createdAt_idx" ON "Memory"("organizationId", "environment", "createdAt");

