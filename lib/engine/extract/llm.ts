import type { FieldSpec, OcrPage } from "../types";
import type { Extractor, RawExtraction, RawField, RawRow, RawValue } from "./types";

/** Connection settings for any OpenAI-compatible chat endpoint (OpenAI, vLLM, Ollama, llama.cpp). */
export interface LlmConfig {
  /** e.g. "http://127.0.0.1:11434/v1" — "/chat/completions" is appended. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  /** injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

const MAX_WORDS = 4000;

/** Page words as "id<TAB>text" lines in reading order, one block per page. */
export function pagesToPrompt(pages: OcrPage[]): string {
  let budget = MAX_WORDS;
  return pages
    .map((p) => {
      const lines = p.lines.map((l) =>
        l.wordIds
          .map((id) => p.words.find((w) => w.id === id))
          .filter((w) => w !== undefined && budget-- > 0)
          .map((w) => `${p.index}:${w?.id}=${w?.text}`)
          .join(" "),
      );
      return `--- page ${p.index} ---\n${lines.filter(Boolean).join("\n")}`;
    })
    .join("\n");
}

function describe(fields: FieldSpec[]): string {
  return JSON.stringify(
    fields.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.description ? { description: f.description } : {}),
      ...(f.children ? { children: f.children.map((c) => ({ name: c.name, type: c.type, ...(c.description ? { description: c.description } : {}) })) } : {}),
    })),
  );
}

const SYSTEM = [
  "You extract fields from a business document (invoice, receipt, delivery note).",
  "The document is given as words, each written page:wordId=text, in reading order.",
  'Answer with one JSON object only: {"fields": {<name>: {"value": string|null, "page": number, "ids": [wordId…]}}}.',
  'For array fields give {"rows": [{<child>: {"value", "page", "ids"}}]}.',
  "Values are verbatim as printed (keep separators, currency signs, date formats); no label text; null when absent.",
  "ids are the word ids the value was read from.",
].join(" ");

/** First JSON object in a model reply (tolerates code fences and chatter around it). */
export function parseJsonReply(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1] ?? text;
  const start = fenced.indexOf("{");
  if (start < 0) return undefined;
  let depth = 0;
  let inStr = false;
  for (let i = start; i < fenced.length; i++) {
    const ch = fenced[i];
    if (inStr) {
      if (ch === "\\") i++;
      else if (ch === '"') inStr = false;
    } else if (ch === '"') inStr = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) {
      try {
        return JSON.parse(fenced.slice(start, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function toValue(x: unknown, pages: OcrPage[]): RawValue | null {
  const o = isObj(x) ? x : { value: x };
  const v = o.value;
  if (v === null || v === undefined) return null;
  const text = typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
  if (!text?.trim()) return null;
  const pageNo = typeof o.page === "number" && Number.isInteger(o.page) ? o.page : 0;
  const page = pages.find((p) => p.index === pageNo) ?? pages[0];
  // Ids are hints only: keep the ones that exist on that page.
  const known = new Set(page?.words.map((w) => w.id));
  const ids = Array.isArray(o.ids)
    ? o.ids.filter((id): id is string => typeof id === "string" && known.has(id.replace(/^\d+:/, ""))).map((id) => id.replace(/^\d+:/, ""))
    : [];
  return { text, page: page?.index ?? 0, ...(ids.length ? { wordIds: ids } : {}) };
}

/** Map a parsed reply onto the requested fields; anything missing or malformed becomes null / []. */
export function toExtraction(reply: unknown, fields: FieldSpec[], pages: OcrPage[]): RawExtraction {
  const got = isObj(reply) && isObj(reply.fields) ? reply.fields : isObj(reply) ? reply : {};
  const out: Record<string, RawField> = {};
  for (const f of fields) {
    const x = got[f.name];
    if (f.type === "array") {
      const rows = isObj(x) && Array.isArray(x.rows) ? x.rows : Array.isArray(x) ? x : [];
      out[f.name] = rows.filter(isObj).map((r): RawRow => {
        const cells: Record<string, RawValue | null> = {};
        for (const c of f.children ?? []) cells[c.name] = toValue(r[c.name], pages);
        return { cells };
      });
    } else out[f.name] = toValue(x, pages);
  }
  return { fields: out };
}

/** Extractor backed by an OpenAI-compatible /chat/completions endpoint; errors surface as thrown Errors. */
export function createLlmExtractor(cfg: LlmConfig): Extractor {
  const doFetch = cfg.fetch ?? fetch;
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    name: "llm",
    async extract(pages: OcrPage[], fields: FieldSpec[]): Promise<RawExtraction> {
      const body = {
        model: cfg.model,
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: SYSTEM },
          { role: "user", content: `Fields: ${describe(fields)}\n\nDocument:\n${pagesToPrompt(pages)}` },
        ],
      };
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 60_000),
      });
      if (!res.ok) throw new Error(`LLM endpoint answered ${res.status}`);
      const json: unknown = await res.json();
      const choice = isObj(json) && Array.isArray(json.choices) ? json.choices[0] : undefined;
      const content = isObj(choice) && isObj(choice.message) ? choice.message.content : undefined;
      return toExtraction(typeof content === "string" ? parseJsonReply(content) : undefined, fields, pages);
    },
  };
}
