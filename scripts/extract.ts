/**
 * `npm run extract -- <file.png|jpg|pdf> [--template invoice|delivery|receipt]
 * [--fields spec.json] [--format json|csv] [--lang eng] [--ocr]`
 *
 * Prints the API contract's JSON (`{ status: "success", data: {…} }`) plus the checks'
 * issues and per-page facts. PDFs are rasterized in Node; their text layers are used
 * unless `--ocr` forces OCR. Errors print the contract's error envelope and exit 1.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createEngine, type DocumentResult, EngineError, type FieldSpec, isArrayValue, type PageInput } from "../lib/engine";
import { rasterizePdf } from "../lib/engine/pdf";
import { neutralizeFormula, quoteCsv } from "../lib/export/csv";

interface Args {
  file: string;
  templateId?: string;
  fields?: FieldSpec[];
  format: "json" | "csv";
  lang?: string;
  ocr: boolean;
}

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error("usage: npm run extract -- <file.png|jpg|pdf> [--template invoice] [--fields spec.json] [--format json|csv] [--lang eng] [--ocr]");
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { file: "", format: "json", ocr: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    const next = () => argv[++i] ?? usage(`${v} needs a value`);
    if (v === "--template") a.templateId = next();
    else if (v === "--fields") {
      const spec = JSON.parse(readFileSync(next(), "utf8")) as FieldSpec[] | { fields: FieldSpec[] };
      a.fields = Array.isArray(spec) ? spec : spec.fields;
    } else if (v === "--format") a.format = next() === "csv" ? "csv" : "json";
    else if (v === "--lang") a.lang = next();
    else if (v === "--ocr") a.ocr = true;
    else if (v.startsWith("--")) usage(`unknown option ${v}`);
    else a.file = v;
  }
  if (!a.file) usage();
  return a;
}

const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;

/** One CSV row per line item (scalars repeated), or one row when there are none. */
export function resultToCsv(res: DocumentResult): string {
  const scalars = Object.entries(res.data).filter(([, r]) => !isArrayValue(r));
  const arrays = Object.entries(res.data).filter(([, r]) => isArrayValue(r));
  const [arrName, arr] = arrays[0] ?? [];
  const rows = arr && isArrayValue(arr) ? arr.value : [];
  const children = [...new Set(rows.flatMap((r) => Object.keys(r.field_bboxes)))];
  const header = [...scalars.map(([k]) => k), ...children.map((c) => `${arrName}.${c}`)];
  const base = scalars.map(([, r]) => (isArrayValue(r) ? "" : (r.value ?? "")));
  const lines = (rows.length > 0 ? rows : [undefined]).map((row) => [...base, ...children.map((c) => row?.field_bboxes[c]?.value ?? "")]);
  const cell = (v: string) => quoteCsv(neutralizeFormula(v));
  return `\uFEFF${[header.map(quoteCsv).join(","), ...lines.map((l) => l.map(cell).join(","))].join("\r\n")}\r\n`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const bytes = readFileSync(args.file);
  const pages: PageInput[] = isPdf(bytes)
    ? (await rasterizePdf(bytes)).map((p) => (args.ocr ? { image: p.png } : { image: p.png, textLayer: p.textLayer }))
    : [{ image: bytes }];
  const engine = createEngine({ forceOcr: args.ocr });
  try {
    const res = await engine.processDocument({
      pages,
      ...(args.templateId ? { templateId: args.templateId } : {}),
      ...(args.fields ? { fields: args.fields } : {}),
      ...(args.lang ? { lang: args.lang } : {}),
    });
    if (args.format === "csv") process.stdout.write(resultToCsv(res));
    else {
      const { ocrPages: _ocr, ...rest } = res;
      const out = { status: "success", data: rest.data, issues: rest.issues, pages: rest.pages, engineVersion: rest.engineVersion, extractor: rest.extractor };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
  } finally {
    await engine.close();
  }
}

// Run only as a command, so tests can import resultToCsv.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    const code = err instanceof EngineError ? err.code : "internal_error";
    const message = err instanceof Error ? err.message : String(err);
    console.log(JSON.stringify({ error: { code, message, retryable: code === "engine_error" || code === "internal_error" } }, null, 2));
    process.exit(1);
  });
}
