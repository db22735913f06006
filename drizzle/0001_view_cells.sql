CREATE TABLE "view_cells" (
	"document_id" text NOT NULL,
	"space_id" text NOT NULL,
	"field" text NOT NULL,
	"line" integer DEFAULT -1 NOT NULL,
	"value" text,
	"original" text,
	"num" double precision,
	"original_num" double precision,
	"date" date,
	"original_date" date,
	CONSTRAINT "view_cells_document_id_field_line_pk" PRIMARY KEY("document_id","field","line")
);
--> statement-breakpoint
CREATE TABLE "view_sync" (
	"document_id" text PRIMARY KEY NOT NULL,
	"space_id" text NOT NULL,
	"document_updated_at" timestamp (6) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "view_cells" ADD CONSTRAINT "view_cells_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_sync" ADD CONSTRAINT "view_sync_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "view_cells_space_field_idx" ON "view_cells" USING btree ("space_id","field");--> statement-breakpoint
CREATE INDEX "view_sync_space_idx" ON "view_sync" USING btree ("space_id");