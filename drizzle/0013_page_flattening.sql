ALTER TABLE "pages" ADD COLUMN "flat_image_key" text;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "flattening" jsonb;