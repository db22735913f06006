/**
 * A CPU budget per page. Tesseract can spend minutes on a page of noise (a scanner lid,
 * show-through, 2-px-wide blobs); the user is better served by a clear "too complex" than
 * by a job that runs for ten minutes. Time used is the smaller of the page's share of the process's CPU time
 * (all threads: the tesseract.js workers are threads; a native tesseract's child process too) and wall time.
 * The process's CPU time is shared out evenly among the pages being read at that moment (budget groups, below):
 * charged in full to each, two jobs read side by side on a loaded box each saw the other's CPU and its wall time
 * run past 9 s, and a one-word page failed as "too complex" (stop 24's CI, fault.int.test.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { EngineError } from "../types";

/** Default OCR CPU budget per page (ms): the engine's "no page over 10 s" minus extraction. */
export const DEFAULT_PAGE_BUDGET_MS = 9000;

/** Child processes (a native tesseract) running now, whose CPU time counts as the page's. */
const children = new Set<number>();

/** Count a child process's CPU time (Linux /proc) until the returned function is called. */
export function trackChild(pid: number | undefined): () => void {
  if (pid === undefined) return () => {};
  children.add(pid);
  return () => children.delete(pid);
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (+ cutime + cstime) of a /proc stat line, in ms. */
function statCpuMs(file: string, withChildren: boolean): number {
  try {
    const s = readFileSync(file, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // fields after the command: state(0) … utime(11) stime(12) cutime(13) cstime(14)
    const t = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
    return Number.isFinite(t) ? t * TICK_MS : 0;
  } catch {
    return 0;
  }
}

/** CPU time of child processes in ms: those that ended (waited for) and those being tracked now. */
export function childCpuMs(): number {
  if (process.platform !== "linux") return 0;
  const self = readFileSync("/proc/self/stat", "utf8");
  const f = self.slice(self.lastIndexOf(")") + 2).split(" ");
  let ms = (Number(f[13]) + Number(f[14])) * TICK_MS;
  for (const pid of children) ms += statCpuMs(`/proc/${pid}/stat`, false);
  return ms;
}

/** Process CPU time in ms, all threads and child processes. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000 + childCpuMs();
};

/**
 * The budgets of one page: the readers of a photo (tesseract and ONNX side by side) each hold a budget
 * and each is charged the page's whole share; pages read at the same time split the process's CPU.
 */
class BudgetGroup {
  charged = 0;
  refs = 0;
}
const groupOf = new AsyncLocalStorage<BudgetGroup>();
const active = new Set<BudgetGroup>();
let lastCpu = cpuMs();

/** Share the process CPU time spent since the last sample among the groups active now. */
function sample(): void {
  const now = cpuMs();
  const delta = now - lastCpu;
  lastCpu = now;
  if (active.size === 0) return;
  for (const g of active) g.charged += delta / active.size;
}

/** Run `fn` as one page: every budget made inside it (nested calls included) is one group. */
export function asOnePage<T>(fn: () => Promise<T>): Promise<T> {
  return groupOf.getStore() ? fn() : groupOf.run(new BudgetGroup(), fn);
}

export class CpuBudget {
  private readonly group: BudgetGroup;
  private readonly cpu0: number;
  private readonly wall0 = performance.now();
  private disposed = false;
  private readonly ctrl = new AbortController();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    readonly limitMs: number,
    private readonly what = "the page",
  ) {
    this.group = groupOf.getStore() ?? new BudgetGroup();
    sample(); // what was spent before this page started is not its own
    if (this.group.refs++ === 0) active.add(this.group);
    this.cpu0 = this.group.charged;
    // Workers run off the main thread, so the main thread is free to watch them.
    this.timer = setInterval(() => {
      if (this.used() > limitMs) this.ctrl.abort(this.error());
    }, 100);
    this.timer.unref?.();
  }

  private lastWall = -Infinity;
  private lastUsed = 0;

  /** Milliseconds spent so far (re-measured at most every 20 ms: getrusage is not free, and check() runs per text line). */
  used(): number {
    const wall = performance.now() - this.wall0;
    if (wall - this.lastWall < 20) return this.lastUsed;
    this.lastWall = wall;
    sample();
    this.lastUsed = Math.min(this.group.charged - this.cpu0, wall);
    return this.lastUsed;
  }

  /** Aborted (with the "too complex" EngineError as reason) once the budget is spent. */
  get signal(): AbortSignal {
    return this.ctrl.signal;
  }

  /** Throw the "too complex" error when the budget is spent (between stages). */
  check(): void {
    if (this.ctrl.signal.aborted) throw this.ctrl.signal.reason;
    if (this.used() > this.limitMs) {
      this.ctrl.abort(this.error());
      throw this.ctrl.signal.reason;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    if (this.disposed) return;
    this.disposed = true;
    sample();
    if (--this.group.refs === 0) active.delete(this.group);
  }

  private error(): EngineError {
    const s = (this.limitMs / 1000).toFixed(1);
    return new EngineError(
      "unprocessable_image",
      `${this.what} is too complex to read: OCR stopped after its ${s} s CPU budget (try a tighter crop or a cleaner scan)`,
    );
  }
}
