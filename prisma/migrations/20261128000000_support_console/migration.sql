-- The customer-facing message of a suspension; "suspendedReason" stays the internal note.
ALTER TABLE "Organization" ADD COLUMN "suspendedMessage" TEXT;

-- Support search: a key by its hint, staff actions by time.
CREATE INDEX "ApiKey_hint_idx" ON "ApiKey"("hint");
CREATE INDEX "AuditEvent_actorType_createdAt_idx" ON "AuditEvent"("actorType", "createdAt");

-- Prefix search (LIKE 'abc%') on organization names and slugs (case-insensitive) and member
-- emails. text_pattern_ops lets a btree serve LIKE prefixes whatever the collation. Prisma's
-- schema cannot express expression indexes; these live here only.
CREATE INDEX "Organization_name_prefix_idx" ON "Organization" (lower("name") text_pattern_ops);
CREATE INDEX "Organization_slug_prefix_idx" ON "Organization" ("slug" text_pattern_ops);
CREATE INDEX "User_email_prefix_idx" ON "User" (lower("email") text_pattern_ops);
