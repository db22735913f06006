CREATE TABLE "team_members" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
-- Hand-written data step: every existing user becomes the owner of a team of their own, which takes over their
-- spaces, API keys and "My company". Added nullable, filled, then made NOT NULL so the existing rows survive.
ALTER TABLE "spaces" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "space_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "own_companies" ADD COLUMN "team_id" text;--> statement-breakpoint
CREATE TABLE "team_seed" AS SELECT "id" AS "user_id", gen_random_uuid()::text AS "team_id", coalesce(nullif(btrim("name"), ''), "email") AS "name", "created_at" FROM "users";--> statement-breakpoint
INSERT INTO "teams" ("id", "name", "created_at") SELECT "team_id", "name", "created_at" FROM "team_seed";--> statement-breakpoint
INSERT INTO "team_members" ("team_id", "user_id", "role", "created_at") SELECT "team_id", "user_id", 'owner', "created_at" FROM "team_seed";--> statement-breakpoint
UPDATE "spaces" SET "team_id" = s."team_id" FROM "team_seed" s WHERE "spaces"."owner_id" = s."user_id";--> statement-breakpoint
UPDATE "api_keys" SET "team_id" = s."team_id" FROM "team_seed" s WHERE "api_keys"."user_id" = s."user_id";--> statement-breakpoint
UPDATE "own_companies" SET "team_id" = s."team_id" FROM "team_seed" s WHERE "own_companies"."owner_id" = s."user_id";--> statement-breakpoint
DROP TABLE "team_seed";--> statement-breakpoint
ALTER TABLE "spaces" ALTER COLUMN "team_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "team_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "own_companies" DROP CONSTRAINT "own_companies_owner_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "own_companies" DROP COLUMN "owner_id";--> statement-breakpoint
ALTER TABLE "own_companies" ALTER COLUMN "team_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "own_companies" ADD PRIMARY KEY ("team_id");--> statement-breakpoint
-- A space no longer dies with the user who created it: it belongs to the team.
ALTER TABLE "spaces" DROP CONSTRAINT "spaces_owner_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "spaces" ALTER COLUMN "owner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_companies" ADD CONSTRAINT "own_companies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_team_idx" ON "api_keys" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "spaces_team_idx" ON "spaces" USING btree ("team_id");
