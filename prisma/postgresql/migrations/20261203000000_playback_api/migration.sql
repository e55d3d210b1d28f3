-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Video" ADD COLUMN "pctComplete" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "renditions" TEXT,
ADD COLUMN "allowedOrigins" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN "scheduledDeletion" TIMESTAMP(3),
ADD COLUMN "uploadMethod" TEXT NOT NULL DEFAULT 'tus',
ADD COLUMN "sourceUrl" TEXT,
ADD COLUMN "downloadState" TEXT,
ADD COLUMN "downloadPct" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "downloadClaimedBy" TEXT,
ADD COLUMN "downloadClaimExpiresAt" TIMESTAMP(3),
ADD COLUMN "sha256" TEXT,
ADD COLUMN "expectedSha256" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Video_scheduledDeletion_idx" ON "Video"("scheduledDeletion");
CREATE INDEX "Video_downloadState_downloadClaimExpiresAt_idx" ON "Video"("downloadState", "downloadClaimExpiresAt");
