ALTER TABLE "documents" ADD COLUMN "content_keys" text[];--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "possible_duplicate_of" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "duplicate_dismissed_at" timestamp with time zone;