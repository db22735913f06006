CREATE TABLE "own_companies" (
	"owner_id" text PRIMARY KEY NOT NULL,
	"names" text[] DEFAULT '{}'::text[] NOT NULL,
	"tax_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"ibans" text[] DEFAULT '{}'::text[] NOT NULL,
	"addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "own_companies" ADD CONSTRAINT "own_companies_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;