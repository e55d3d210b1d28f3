-- CreateTable
CREATE TABLE "Webhook" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "notificationUrl" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "modified" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "videoUid" TEXT,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimExpiresAt" DATETIME,
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_videoUid_fkey" FOREIGN KEY ("videoUid") REFERENCES "Video" ("uid") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: new columns only (no table rebuild, so existing rows stay in place)
ALTER TABLE "Video" ADD COLUMN "videoCodec" TEXT;
ALTER TABLE "Video" ADD COLUMN "audioCodec" TEXT;
ALTER TABLE "Video" ADD COLUMN "container" TEXT;
ALTER TABLE "Video" ADD COLUMN "readyAt" DATETIME;
ALTER TABLE "Video" ADD COLUMN "processingNote" TEXT;
ALTER TABLE "Video" ADD COLUMN "processingAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Video" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "Video" ADD COLUMN "claimExpiresAt" DATETIME;

-- CreateIndex
CREATE INDEX "Video_state_claimExpiresAt_idx" ON "Video"("state", "claimExpiresAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_nextAttemptAt_idx" ON "WebhookDelivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_videoUid_idx" ON "WebhookDelivery"("videoUid");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_idx" ON "WebhookAttempt"("deliveryId");

