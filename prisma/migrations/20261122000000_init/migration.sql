-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Video" (
    "uid" TEXT NOT NULL PRIMARY KEY,
    "creator" TEXT,
    "ownerId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "meta" TEXT NOT NULL DEFAULT '{}',
    "size" BIGINT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pendingupload',
    "errorReasonCode" TEXT,
    "errorReasonText" TEXT,
    "maxDurationSeconds" INTEGER NOT NULL,
    "uploadExpiry" DATETIME NOT NULL,
    "requireSignedURLs" BOOLEAN NOT NULL DEFAULT false,
    "thumbnailTimestampPct" REAL NOT NULL DEFAULT 0,
    "uploaded" DATETIME,
    "duration" REAL NOT NULL DEFAULT -1,
    "width" INTEGER NOT NULL DEFAULT -1,
    "height" INTEGER NOT NULL DEFAULT -1,
    "review" TEXT NOT NULL DEFAULT 'pending',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" DATETIME NOT NULL,
    CONSTRAINT "Video_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Video_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Video_state_uploadExpiry_idx" ON "Video"("state", "uploadExpiry");

-- CreateIndex
CREATE INDEX "Video_created_idx" ON "Video"("created");

-- CreateIndex
CREATE INDEX "Video_creator_idx" ON "Video"("creator");

-- CreateIndex
CREATE INDEX "Video_ownerId_idx" ON "Video"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

