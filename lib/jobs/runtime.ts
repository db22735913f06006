/**
 * The background runtime of a process: one pg-boss instance on the process's database
 * (PGlite or PostgreSQL: the same queue in both modes) and N extract-document workers.
 * The custom server (scripts/serve.ts), Next's route bundles and scripts/worker.ts load
 * separate copies of this module, so the state lives on globalThis.
 */
import type PgBoss from "pg-boss";
import { type Db, dbFor, type DbOrTx, getDriver } from "@/lib/db/client";
import { getJobStatus } from "@/lib/db/queries/jobs";
import { type Env, env as defaultEnv } from "@/lib/env";
import type { ExtractionQueue } from "@/lib/services/documents/queue";
import { getStorage } from "@/lib/storage";
import { type BossOptions, createBoss, executorFor } from "./boss";
import { type ExtractDocumentPayload, extractDocumentJob } from "./definitions";
import { markEngineWarm } from "@/lib/services/ocr/engine";
import { getEngine } from "@/lib/services/ocr/process-engine";
import { markFailed, runExtractDocument } from "./extract-document";
// Webhooks ride on the job runtime: outcome events after each run, one delivery loop per process.
import { dispatchConfig, startWebhookDispatcher, stopWebhookDispatcher, wakeWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { recordOutcomeEvents } from "@/lib/webhooks/job-events";

/** The queue where pg-boss puts extract-document jobs it stopped retrying. */
export const DEAD_LETTER = `${extractDocumentJob.id}.dead`;

interface RuntimeState {
  boss: PgBoss;
  db: Db;
  env: Env;
  kind: "pglite" | "postgres";
  workerIds: string[];
}

const g = globalThis as typeof globalThis & { __vouchJobs?: { state: Promise<RuntimeState> | null } };
g.__vouchJobs ??= { state: null };
const holder = g.__vouchJobs;

/** Options of `startBackground`; everything defaults from the environment. */
export interface BackgroundOptions extends BossOptions {
  env?: Env;
  /** concurrent extract-document workers in this process (default VOUCH_WORKERS, at least 1 on PGlite). */
  workers?: number;
}

/**
 * Start the queue and this process's workers (idempotent). On PGlite at least one
 * worker always runs here: the embedded database cannot be shared with a worker process.
 */
export async function startBackground(opts: BackgroundOptions = {}): Promise<void> {
  if (holder.state) {
    await holder.state;
    return;
  }
  holder.state = boot(opts);
  try {
    await holder.state;
  } catch (err) {
    holder.state = null;
    throw err;
  }
}

async function boot(opts: BackgroundOptions): Promise<RuntimeState> {
  const env = opts.env ?? defaultEnv;
  // Fail at start, with the configuration message, rather than on the first upload.
  getStorage(env);
  const driver = await getDriver(env);
  const db = dbFor(driver);
  const boss = createBoss(driver, { ...opts, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? env.VOUCH_QUEUE_MAINTENANCE_SECONDS });
  await boss.start();
  const q = extractDocumentJob;
  // A job that pg-boss gives up on without our handler deciding (its worker died on
  // every attempt, so the run expired) lands in the dead-letter queue, which marks it failed.
  await boss.createQueue(DEAD_LETTER, { name: DEAD_LETTER, policy: "standard", retryLimit: 5, retryDelay: 5 });
  const retryDelay = env.VOUCH_JOB_RETRY_DELAY_SECONDS ?? q.queue.retryDelay;
  const queueOptions = { name: q.id, policy: "standard" as const, ...q.queue, retryDelay, deadLetter: DEAD_LETTER };
  await boss.createQueue(q.id, queueOptions);
  // createQueue leaves an existing queue alone: bring its policy in step with this code.
  await boss.updateQueue(q.id, queueOptions);
  const state: RuntimeState = { boss, db, env, kind: driver.kind, workerIds: [] };

  let workers = opts.workers ?? env.VOUCH_WORKERS;
  if (driver.kind === "pglite") {
    if (opts.workers === undefined && workers < 1) {
      console.warn("[jobs] VOUCH_WORKERS=0 ignored: with the embedded database, workers run in the web process");
      workers = 1;
    }
    await recoverOrphans(state);
  }
  for (let i = 0; i < workers; i++) {
    state.workerIds.push(
      await boss.work<ExtractDocumentPayload>(
        q.id,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
        async ([job]) => {
          if (job) await handle(state, job);
        },
      ),
    );
  }
  if (workers > 0) {
    state.workerIds.push(
      await boss.work<ExtractDocumentPayload>(DEAD_LETTER, { batchSize: 1, includeMetadata: true }, async ([job]) => {
        if (job) await handleDeadLetter(state, job);
      }),
    );
  }
  startWebhookDispatcher(db, dispatchConfig(env));
  console.log(`[jobs] queue ready on ${driver.kind === "pglite" ? "PGlite" : "PostgreSQL"}, ${workers} worker(s) in this process`);
  return state;
}

async function handle(state: RuntimeState, job: PgBoss.JobWithMetadata<ExtractDocumentPayload>): Promise<void> {
  const parsed = extractDocumentJob.schema.safeParse(job.data);
  if (!parsed.success) {
    // A payload no handler understands: complete it (retrying cannot help) and say why.
    console.error(`[jobs] ${job.id}: unreadable payload: ${parsed.error.message}`);
    return;
  }
  const outcome = await runExtractDocument({
    db: state.db,
    storage: getStorage(state.env),
    engine: getEngine(state.env),
    payload: parsed.data,
    attempt: { retryCount: job.retryCount, retryLimit: job.retryLimit },
  });
  // a document the engine finished proves the engine is loaded: /health must say so (it kept
  // answering "loading" while the workers processed documents)
  if (outcome.kind === "completed") markEngineWarm();
  if (outcome.kind === "failed") console.warn(`[jobs] ${parsed.data.jobId} failed: ${outcome.error}`);
  if (outcome.kind !== "gone") await recordOutcome(state, parsed.data);
}

// Webhooks: ocr.completed / ocr.failed for the document and its duplicates. Idempotent, so
// a run repeated after a crash (outcome already_done) records what the crash lost.
async function recordOutcome(state: RuntimeState, payload: ExtractDocumentPayload): Promise<void> {
  try {
    if ((await recordOutcomeEvents(state.db, payload.documentId)) > 0) wakeWebhookDispatcher();
  } catch (err) {
    console.error(`[jobs] ${payload.jobId}: recording webhook events failed:`, (err as Error).message);
  }
}

/** pg-boss gave up on a job (every run expired): mark it failed unless a run finished after all. */
async function handleDeadLetter(state: RuntimeState, job: PgBoss.JobWithMetadata<ExtractDocumentPayload>): Promise<void> {
  const parsed = extractDocumentJob.schema.safeParse(job.data);
  if (!parsed.success) return;
  const status = await getJobStatus(state.db, { jobId: parsed.data.jobId });
  if (!status || status === "completed" || status === "failed") return;
  const reason = (job.output as { value?: { message?: string } } | null)?.value?.message ?? (job.output as { message?: string } | null)?.message;
  await markFailed(state.db, parsed.data, `gave up: no attempt finished (the worker stopped or ran out of time)${reason ? `: ${reason}` : ""}`);
  await recordOutcome(state, parsed.data);
}

/**
 * With PGlite only this process can have run a job, so a job still active at start was
 * interrupted by a crash: fail it now (pg-boss turns that into a retry) instead of
 * waiting for its expiry.
 */
async function recoverOrphans(state: RuntimeState): Promise<void> {
  const { rows } = await state.boss.getDb().executeSql("select id from pgboss.job where name = $1 and state = 'active'", [extractDocumentJob.id]);
  const ids = (rows as Array<{ id: string }>).map((r) => r.id);
  if (ids.length === 0) return;
  console.log(`[jobs] retrying ${ids.length} job(s) interrupted by the last shutdown`);
  for (const id of ids) {
    await state.boss.fail(extractDocumentJob.id, id, { message: "the process stopped while this job was running" });
  }
}

/** The running queue (starts it, without workers on PostgreSQL, if this process has not). */
export async function getBoss(): Promise<PgBoss> {
  if (!holder.state) await startBackground({ workers: defaultEnv.DATABASE_URL ? 0 : undefined });
  const state = await (holder.state as Promise<RuntimeState>);
  return state.boss;
}

/** Stop workers (letting running jobs finish briefly) and the queue; the database stays open. */
export async function stopBackground(opts: { timeoutMs?: number } = {}): Promise<void> {
  const p = holder.state;
  holder.state = null;
  if (!p) return;
  const state = await p.catch(() => null);
  if (!state) return;
  await stopWebhookDispatcher();
  await state.boss.stop({ graceful: true, timeout: opts.timeoutMs ?? 10_000, wait: true, close: true });
}

/**
 * Enqueue the extraction of a document inside the caller's transaction (`db` may be a
 * drizzle transaction): the pg-boss job row commits or rolls back with the document.
 * The pg-boss id is the public job id, so sending the same job twice inserts it once.
 */
export async function enqueueExtraction(db: DbOrTx, input: { jobId: string; documentId: string; pageCount: number }): Promise<string | null> {
  const boss = await getBoss();
  const payload: ExtractDocumentPayload = extractDocumentJob.schema.parse({ v: 1, ...input });
  return boss.send(extractDocumentJob.id, payload, {
    id: input.jobId,
    singletonKey: `document:${input.documentId}`,
    // VOUCH_JOB_EXPIRE_SECONDS lets fault tests see a killed worker's job retried in seconds.
    expireInSeconds: defaultEnv.VOUCH_JOB_EXPIRE_SECONDS ?? extractDocumentJob.expireInSeconds(payload),
    db: executorFor(db),
  });
}

/** Wake this process's idle workers at once (after an enqueue) instead of at their next poll. */
export function notifyWorkers(): void {
  const p = holder.state;
  if (!p) return;
  void p.then(
    (s) => {
      for (const id of s.workerIds) s.boss.notifyWorker(id);
    },
    () => {},
  );
}

/** The queue as the document services use it (they take it as a parameter and stay below this runtime). */
export const extractionQueue: ExtractionQueue = { start: getBoss, enqueue: enqueueExtraction, wake: notifyWorkers };
