import { describe, expect, it } from "vitest";
import { asOnePage, CpuBudget, cpuMs } from "./budget";

/** Spend CPU on this thread for about `ms` of process CPU time. */
function burn(ms: number): number {
  const t0 = cpuMs();
  let x = 0;
  while (cpuMs() - t0 < ms) for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
  expect(x).toBeGreaterThan(0);
  return cpuMs() - t0;
}

describe("the CPU budget's share of the process", () => {
  it("splits the process's CPU time between two pages read at the same time", () => {
    const a = new CpuBudget(60_000, "page a");
    const b = new CpuBudget(60_000, "page b");
    try {
      const spent = burn(300);
      // Each page is charged about half of what the process spent, not all of it (nor nothing).
      for (const budget of [a, b]) {
        expect(budget.used()).toBeGreaterThan(spent * 0.3);
        expect(budget.used()).toBeLessThan(spent * 0.7);
      }
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it("charges each reader of one page the page's whole time", async () => {
    await asOnePage(async () => {
      const tesseract = new CpuBudget(60_000, "page 1");
      const onnx = new CpuBudget(60_000, "page 1");
      try {
        const spent = burn(300);
        for (const budget of [tesseract, onnx]) expect(budget.used()).toBeGreaterThan(spent * 0.8);
      } finally {
        tesseract.dispose();
        onnx.dispose();
      }
    });
  });

  it("a page alone is charged the whole time again once the other is done", () => {
    const a = new CpuBudget(60_000, "page a");
    const b = new CpuBudget(60_000, "page b");
    b.dispose();
    try {
      const spent = burn(300);
      expect(a.used()).toBeGreaterThan(spent * 0.8);
    } finally {
      a.dispose();
    }
  });
});
