-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "creditRefillAmount" INTEGER,
ADD COLUMN     "creditRefillInterval" TEXT,
ADD COLUMN     "credits" INTEGER,
ADD COLUMN     "creditsRefilledAt" TIMESTAMP(3);

