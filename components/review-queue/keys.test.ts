import { describe, expect, it } from "vitest";
import type { QueueItem } from "@/lib/sheet/types";
import { keyToAction, moveIndex, reconcileIndex } from "./keys";

function item(documentId: string, path: string): QueueItem {
  return {
    key: `${documentId}/${path}`,
    documentId,
    fileName: `${documentId}.pdf`,
    path,
    label: path,
    value: "x",
    matchRatio: 0.5,
    page: 0,
    vertices: null,
    state: "low_confidence",
    reasons: ["r"],
    why: [{ code: "look", message: "r" }],
    paths: [path],
    involved: [{ path, label: path, value: "x" }],
    risk: 3.5,
  };
}

const items = [item("a", "total"), item("a", "vendor"), item("b", "total"), item("c", "total"), item("c", "vendor")];

describe("keyToAction", () => {
  it("Enter accepts an untouched value and saves a typed one", () => {
    expect(keyToAction({ key: "Enter" }, false)).toBe("accept");
    expect(keyToAction({ key: "Enter" }, true)).toBe("save");
  });
  it("maps navigation and marking keys", () => {
    expect(keyToAction({ key: "Tab" }, false)).toBe("next");
    expect(keyToAction({ key: "Tab", shiftKey: true }, true)).toBe("prev");
    expect(keyToAction({ key: "˜", code: "KeyN", altKey: true }, false)).toBe("notOnDocument");
    expect(keyToAction({ key: "Enter", ctrlKey: true }, true)).toBe("nextDocument");
    expect(keyToAction({ key: "Enter", metaKey: true }, false)).toBe("nextDocument");
    expect(keyToAction({ key: "PageDown" }, false)).toBe("nextDocument");
    expect(keyToAction({ key: "PageUp" }, false)).toBe("prevDocument");
    expect(keyToAction({ key: "Escape" }, true)).toBe("revert");
  });
  it("leaves typing to the input", () => {
    expect(keyToAction({ key: "n" }, false)).toBeNull();
    expect(keyToAction({ key: "1" }, true)).toBeNull();
    expect(keyToAction({ key: "Backspace", ctrlKey: true }, true)).toBeNull();
    expect(keyToAction({ key: "Escape" }, false)).toBeNull();
  });
});

describe("moveIndex", () => {
  it("steps and clamps", () => {
    expect(moveIndex(items, 0, "next")).toBe(1);
    expect(moveIndex(items, 4, "next")).toBe(4);
    expect(moveIndex(items, 0, "prev")).toBe(0);
  });
  it("jumps to the first item of the next or previous document", () => {
    expect(moveIndex(items, 0, "nextDocument")).toBe(2);
    expect(moveIndex(items, 2, "nextDocument")).toBe(3);
    expect(moveIndex(items, 4, "nextDocument")).toBe(4);
    expect(moveIndex(items, 4, "prevDocument")).toBe(2);
    expect(moveIndex(items, 2, "prevDocument")).toBe(0);
    expect(moveIndex(items, 1, "prevDocument")).toBe(0);
  });
});

describe("reconcileIndex", () => {
  it("moves to the next survivor when the current item leaves the queue", () => {
    const next = items.filter((_, i) => i !== 1);
    expect(reconcileIndex(items, next, 1)).toBe(1);
    expect(next[1]?.key).toBe("b/total");
  });
  it("stays on the same item when others change", () => {
    const next = items.slice(1);
    expect(reconcileIndex(items, next, 3)).toBe(2);
    expect(reconcileIndex(items, [], 3)).toBe(0);
    expect(reconcileIndex(items, items.slice(0, 2), 4)).toBe(1);
  });
});
