-- AlterTable
ALTER TABLE "Video" ADD COLUMN     "reviewReason" TEXT;
