-- AlterTable: new columns only (no table rebuild, so existing rows stay in place)
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Video" ADD COLUMN "pctComplete" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Video" ADD COLUMN "renditions" TEXT;
ALTER TABLE "Video" ADD COLUMN "allowedOrigins" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Video" ADD COLUMN "scheduledDeletion" DATETIME;
ALTER TABLE "Video" ADD COLUMN "uploadMethod" TEXT NOT NULL DEFAULT 'tus';
ALTER TABLE "Video" ADD COLUMN "sourceUrl" TEXT;
ALTER TABLE "Video" ADD COLUMN "downloadState" TEXT;
ALTER TABLE "Video" ADD COLUMN "downloadPct" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Video" ADD COLUMN "downloadClaimedBy" TEXT;
ALTER TABLE "Video" ADD COLUMN "downloadClaimExpiresAt" DATETIME;
ALTER TABLE "Video" ADD COLUMN "sha256" TEXT;
ALTER TABLE "Video" ADD COLUMN "expectedSha256" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Video_scheduledDeletion_idx" ON "Video"("scheduledDeletion");
CREATE INDEX "Video_downloadState_downloadClaimExpiresAt_idx" ON "Video"("downloadState", "downloadClaimExpiresAt");
