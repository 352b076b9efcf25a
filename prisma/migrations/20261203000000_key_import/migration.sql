-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "importedPrefix" TEXT;

