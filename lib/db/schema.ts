import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { SupplierMemory } from "@/lib/engine/memory/types";
import type { DocumentResult, FieldSpec, OcrPage, PageFlattening, TextLayerPage } from "@/lib/engine/types";
import type { ExportSettings } from "@/lib/export/presets/settings";
import { TEAM_ROLES } from "@/lib/teams/roles";

/**
 * One PostgreSQL schema for both modes (PGlite embedded, PostgreSQL server).
 * The model is documented in docs/data-model.md; keep the two in step.
 */

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ── Auth.js (shapes the drizzle adapter expects) ────────────────────────────────

export const users = pgTable("users", {
  id: id(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestamp("email_verified", { mode: "date" }),
  image: text("image"),
  /** bcrypt hash; null for users who only sign in through an OAuth account. */
  passwordHash: text("password_hash"),
  role: text("role", { enum: ["admin", "reviewer"] })
    .notNull()
    .default("reviewer"),
  disabled: boolean("disabled").notNull().default(false),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Teams: spaces, keys and "My company" belong to a team; people are members with a role ──

export const teams = pgTable("teams", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** One row per (team, user); the role's permissions are the table in lib/teams/roles.ts. */
export const teamMembers = pgTable(
  "team_members",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    /** null while active; a deactivated member keeps their row (history, audit) but passes no check. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

/**
 * Single sign-on provisioning: "users from <domain> join as <role>". A domain belongs to one team
 * at most (the sign-in must know where a new person goes); only verified addresses match.
 */
export const teamSsoDomains = pgTable(
  "team_sso_domains",
  {
    domain: text("domain").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("team_sso_domains_team_idx").on(t.teamId)],
);

// ── My company: the organisation's own identifiers (never the vendor) ─────────────

/** Per team: names, VAT/tax ids, IBANs and addresses; the engine takes them as the buyer, never the vendor. */
export const ownCompanies = pgTable("own_companies", {
  teamId: text("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  names: text("names").array().notNull().default(sql`'{}'::text[]`),
  taxIds: text("tax_ids").array().notNull().default(sql`'{}'::text[]`),
  ibans: text("ibans").array().notNull().default(sql`'{}'::text[]`),
  addresses: text("addresses").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// ── Spaces: a sheet with a schema; one document per row ─────────────────────────

export const spaces = pgTable(
  "spaces",
  {
    id: id(),
    /** the team the space belongs to: the tenant of everything below it (lib/db/queries/owner.ts). */
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    /** who created it (grants nothing; null once that user is deleted). */
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** built-in template the schema came from (null for custom fields). */
    templateId: text("template_id"),
    /** the schema rows follow: the template's fields copied, or custom ones. */
    fields: jsonb("fields").$type<FieldSpec[]>().notNull(),
    webhookUrl: text("webhook_url"),
    webhookSecret: text("webhook_secret"),
    /** accounting export settings: account / tax code / cost centre per space and per supplier (lib/export/presets/settings). */
    exportSettings: jsonb("export_settings").$type<ExportSettings>(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("spaces_owner_idx").on(t.ownerId), index("spaces_team_idx").on(t.teamId)],
);

// ── Documents and their pages ───────────────────────────────────────────────────

export const documentStatuses = ["queued", "processing", "done", "failed", "reviewed"] as const;

export const documents = pgTable(
  "documents",
  {
    id: id(),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    /** sha256 of the uploaded bytes: duplicates in a space are flagged, not re-processed. */
    sha256: text("sha256").notNull(),
    duplicateOf: text("duplicate_of"),
    /** supplier + invoice number + total (or + date) keys of the extracted values: the same invoice sent twice
     * (a photo and a PDF) is a possible duplicate of the first — a warning, never a block. */
    contentKeys: text("content_keys").array(),
    possibleDuplicateOf: text("possible_duplicate_of"),
    /** set when a reviewer said the possible duplicate is not one. */
    duplicateDismissedAt: timestamp("duplicate_dismissed_at", { withTimezone: true, mode: "date" }),
    status: text("status", { enum: documentStatuses }).notNull().default("queued"),
    error: text("error"),
    pageCount: integer("page_count").notNull().default(0),
    /** the PDF's page count when only its first `pageCount` pages were processed (MAX_PDF_PAGES); null when complete. */
    truncatedFrom: integer("truncated_from"),
    source: text("source", { enum: ["web", "api"] })
      .notNull()
      .default("web"),
    /** key of the original file in storage (PDFs kept as sent). */
    originalKey: text("original_key"),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "date" }),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("documents_space_idx").on(t.spaceId, t.createdAt), index("documents_sha_idx").on(t.spaceId, t.sha256)],
);

export const pages = pgTable(
  "pages",
  {
    id: id(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    index: integer("index").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** storage key of the page image (PNG/JPEG as uploaded, normalised). */
    imageKey: text("image_key").notNull(),
    /** text items sent by the browser for born-digital PDF pages. */
    textLayer: jsonb("text_layer").$type<TextLayerPage | null>(),
    /** the page model the engine built (OCR or text layer). */
    ocr: jsonb("ocr").$type<OcrPage | null>(),
    ocrMs: integer("ocr_ms"),
    /** storage key of the flattened page (a photo's sheet warped upright) when the engine flattened it, else null. */
    flatImageKey: text("flat_image_key"),
    /** where that sheet lies on the page image (0–1000 grid) and the flattened image's size: boxes are mapped through it. */
    flattening: jsonb("flattening").$type<PageFlattening | null>(),
  },
  (t) => [uniqueIndex("pages_doc_index_uq").on(t.documentId, t.index)],
);

// ── Extraction results and reviewer corrections ─────────────────────────────────

export const extractions = pgTable(
  "extractions",
  {
    id: id(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    engineVersion: text("engine_version").notNull(),
    extractor: text("extractor").notNull(),
    result: jsonb("result").$type<DocumentResult>().notNull(),
    createdAt: createdAt(),
  },
  // One result per document and engine version: a retried job upserts, never duplicates.
  (t) => [uniqueIndex("extractions_doc_version_uq").on(t.documentId, t.engineVersion)],
);

/** Append-only: a correction never overwrites the engine's value or an earlier correction. */
export const corrections = pgTable(
  "corrections",
  {
    id: id(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** "total" or "line_items.2.amount" */
    path: text("path").notNull(),
    kind: text("kind", { enum: ["edit", "accept", "not_on_document"] }).notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    /** the new value read with the document's conventions: a number, an ISO date or currency code; null when text or ambiguous. */
    normalized: jsonb("normalized").$type<number | string | null>(),
    box: jsonb("box").$type<{ xmin: number; ymin: number; xmax: number; ymax: number } | null>(),
    page: integer("page"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("corrections_doc_idx").on(t.documentId, t.createdAt)],
);

// ── Supplier memory: what reviewers taught about a supplier's documents ──────────

/**
 * Per space and supplier: where and how each field was printed on reviewed documents (lib/engine/memory).
 * `keys` are every key the supplier is known by (tax:…, iban:…, name:…): a document is matched by any of them.
 */
export const supplierMemories = pgTable(
  "supplier_memories",
  {
    id: id(),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** the supplier's name as last reviewed (for the settings page). */
    name: text("name").notNull(),
    keys: text("keys").array().notNull(),
    memory: jsonb("memory").$type<SupplierMemory>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("supplier_memories_space_idx").on(t.spaceId)],
);

// ── Public API: keys, usage, limits, idempotency ────────────────────────────────

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    /** who created it (usage and rate limits count for them). */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** the team whose spaces the key reaches. */
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    /** when set, the key reaches only this space (and cannot create spaces). */
    spaceId: text("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    /** a read-only key reads and exports, nothing else. */
    readOnly: boolean("read_only").notNull().default(false),
    name: text("name").notNull(),
    /** first characters of the key, shown in lists ("vch_ab12…"). */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole key; the key itself is shown once and never stored. */
    hash: text("hash").notNull().unique(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_user_idx").on(t.userId), index("api_keys_team_idx").on(t.teamId)],
);

export const usageEvents = pgTable(
  "usage_events",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    apiKeyId: text("api_key_id"),
    kind: text("kind").notNull(),
    pages: integer("pages").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("usage_user_time_idx").on(t.userId, t.createdAt)],
);

/** Fixed-window counters shared by every process that reaches the database. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    ownerId: text("owner_id").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    requestHash: text("request_hash").notNull(),
    /** null while the first request is still running. */
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idempotency_owner_key_uq").on(t.ownerId, t.key)],
);

// ── Jobs (public job ids; the queue itself is pg-boss) and webhooks ─────────────

export const jobStatuses = ["pending", "processing", "completed", "failed"] as const;

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** the caller's handle for one uploaded file, echoed in the upload response. */
    uniqueKey: text("unique_key").notNull(),
    status: text("status", { enum: jobStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("jobs_document_idx").on(t.documentId), index("jobs_status_idx").on(t.status)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** stable across retries and resends: receivers de-duplicate on it. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhook_event_uq").on(t.eventId), index("webhook_space_idx").on(t.spaceId, t.createdAt)],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);

// ── GET /view: stored rows as typed cells, so filters and sorts run in SQL ──────

/**
 * One cell per (document, field, line): scalars have line = -1, array children one row
 * per line item (field "line_items.amount"). Corrected and original values side by side,
 * with numbers and dates normalized, so `total>=40000` compares numbers, not text.
 * Derived data: rebuilt from extractions + corrections whenever a document changes.
 */
export const viewCells = pgTable(
  "view_cells",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    spaceId: text("space_id").notNull(),
    field: text("field").notNull(),
    line: integer("line").notNull().default(-1),
    value: text("value"),
    original: text("original"),
    num: doublePrecision("num"),
    originalNum: doublePrecision("original_num"),
    date: date("date", { mode: "string" }),
    originalDate: date("original_date", { mode: "string" }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.field, t.line] }), index("view_cells_space_field_idx").on(t.spaceId, t.field)],
);

/** Which version of a document the view cells reflect (its updated_at when last rebuilt). */
export const viewSync = pgTable(
  "view_sync",
  {
    documentId: text("document_id")
      .primaryKey()
      .references(() => documents.id, { onDelete: "cascade" }),
    spaceId: text("space_id").notNull(),
    documentUpdatedAt: timestamp("document_updated_at", { withTimezone: true, mode: "date", precision: 6 }).notNull(),
  },
  (t) => [index("view_sync_space_idx").on(t.spaceId)],
);

// ── Audit log: who did what, when, from where (append-only) ─────────────────────

/**
 * One row per audited action, written by the service that performed it (lib/services/audit/record.ts),
 * in the same transaction when the service has one. Append-only: no code path updates or deletes a row,
 * and a trigger (migration) refuses UPDATE, DELETE and TRUNCATE. No foreign keys on purpose: deleting a
 * space, document or user must neither cascade into the log nor be blocked by it.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 6 }).notNull().defaultNow(),
    /** the user who acted (an API key's owner for API calls); null for the system (background jobs, CLI). */
    actorId: text("actor_id"),
    /** the actor's e-mail when the event was written, so the log reads the same after the user is gone. */
    actorEmail: text("actor_email"),
    /** the API key of an API call; null in the web app. */
    apiKeyId: text("api_key_id"),
    /** the team the action happened in (the space's, else the one named); null for instance-wide actions. */
    teamId: text("team_id"),
    /** dotted verb: document.uploaded, value.corrected, space.exported, api_key.created … (AUDIT_ACTIONS). */
    action: text("action").notNull(),
    spaceId: text("space_id"),
    documentId: text("document_id"),
    /** what else the action was about (a key, a delivery, a user) as "kind:id". */
    target: text("target"),
    /** the action's particulars: a correction's path and values, an export's format, a key's prefix. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** the client address the server saw (scripts/serve.ts), the request id it answered with. */
    ip: text("ip"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_team_idx").on(t.teamId, t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_space_idx").on(t.spaceId, t.at),
    index("audit_events_action_idx").on(t.action, t.at),
  ],
);

// ── Review claims: who is reviewing which document right now ────────────────────

/**
 * At most one holder per document. A `claim` is taken by opening the document for review and lapses at
 * `expires_at` (renewed while the reviewer works); an `assignment` is an admin handing the document to a
 * reviewer and lasts until released or the document is reviewed. Others are not served a held document.
 */
export const reviewClaims = pgTable(
  "review_claims",
  {
    documentId: text("document_id")
      .primaryKey()
      .references(() => documents.id, { onDelete: "cascade" }),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["claim", "assignment"] }).notNull(),
    /** null for an assignment. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("review_claims_space_idx").on(t.spaceId), index("review_claims_user_idx").on(t.userId)],
);

// ── Invitations: a link that lets one person join a team with a role ────────────

/**
 * An admin's invite link (no mail server: the admin copies it). Only the token's sha256 is stored; the link is
 * single use (`used_at`), expires, and can be revoked.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    usedBy: text("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("invitations_team_idx").on(t.teamId, t.createdAt)],
);
