/**
 * Back-pressure for synchronous OCR: at most `concurrency` images are recognized at once
 * and at most `queue` more requests wait; the next one is turned away at once with 503
 * `overloaded` (retryable, Retry-After) instead of piling up memory and latency — the probe
 * saw 20 concurrent calls all wait ~27 s with nothing refused. State lives on globalThis
 * (route bundles and the server are separate module instances).
 */
import { ApiError } from "@/lib/contract/errors";

interface GateState {
  running: number;
  waiting: Array<() => void>;
}

const g = globalThis as typeof globalThis & { __vouchOcrGate?: GateState };

function state(): GateState {
  g.__vouchOcrGate ??= { running: 0, waiting: [] };
  return g.__vouchOcrGate;
}

/** Run `fn` inside the gate; throws 503 `overloaded` when every slot and queue place is taken. */
export async function withOcrSlot<T>(limits: { concurrency: number; queue: number; retryAfterSec?: number }, fn: () => Promise<T>): Promise<T> {
  const s = state();
  if (s.running >= limits.concurrency) {
    if (s.waiting.length >= limits.queue) {
      const retryAfterSec = limits.retryAfterSec ?? 5;
      throw new ApiError(
        "overloaded",
        `The server is recognizing ${s.running} images with ${s.waiting.length} more waiting; try again shortly.`,
        { retryAfterSec, running: s.running, waiting: s.waiting.length },
        { "retry-after": String(retryAfterSec) },
      );
    }
    await new Promise<void>((resolve) => s.waiting.push(resolve));
  } else {
    s.running++;
  }
  try {
    return await fn();
  } finally {
    const next = s.waiting.shift();
    // hand the slot straight to the next waiter (running stays the same), or free it
    if (next) next();
    else s.running--;
  }
}

/** Slots in use and requests waiting (for /health). */
export function ocrGateLoad(): { running: number; waiting: number } {
  const s = state();
  return { running: s.running, waiting: s.waiting.length };
}
