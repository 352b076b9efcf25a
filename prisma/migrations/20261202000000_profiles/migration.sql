-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "profile" TEXT NOT NULL DEFAULT 'memory-os';

-- AlterTable
ALTER TABLE "Memory" ADD COLUMN     "agentId" TEXT,
ADD COLUMN     "attributes" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "userId" TEXT;

