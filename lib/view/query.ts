/**
 * GET /view's query language, compiled to SQL over view_cells. Conditions compare numbers
 * and dates on their normalized values and text otherwise; an array child
 * ("line_items.amount") matches when any line item does. `!=` is the negation of `=`.
 */
import { type SQL, sql } from "drizzle-orm";
import type { FieldSpec, FieldType } from "@/lib/engine/types";
import { ServiceError } from "@/lib/services/errors";
import { lenientNumber, queryDate } from "./values";

/** Comparison operators, longest first so `>=` is not read as `>`. */
export const viewOps = [">=", "<=", "!=", "=", "<", ">", "~"] as const;
export type ViewOp = (typeof viewOps)[number];

/** One `field op value` condition. */
export interface Condition {
  field: string;
  op: ViewOp;
  value: string;
}

/** A resolved column: a field of the schema (scalar or array child) or a document column. */
type Column =
  | { kind: "cell"; key: string; type: FieldType; line: "scalar" | "item" }
  | { kind: "meta"; column: "status" | "file_name" | "created_at" | "id"; type: "string" | "date" };

const META: Record<string, Extract<Column, { kind: "meta" }>> = {
  status: { kind: "meta", column: "status", type: "string" },
  fileName: { kind: "meta", column: "file_name", type: "string" },
  file_name: { kind: "meta", column: "file_name", type: "string" },
  createdAt: { kind: "meta", column: "created_at", type: "date" },
  created_at: { kind: "meta", column: "created_at", type: "date" },
  id: { kind: "meta", column: "id", type: "string" },
};

/** Parse one condition ("total>=40000", "vendor~acme", `vendor="A, B"`). */
export function parseCondition(raw: string): Condition {
  const m = /^\s*([^<>=!~]+?)\s*(>=|<=|!=|=|<|>|~)\s*(.*?)\s*$/s.exec(raw);
  if (!m?.[1] || !m[2]) {
    throw new ServiceError("invalid", `where: cannot read "${raw}"; write field<op>value with one of ${viewOps.join(" ")}.`, { path: "where" });
  }
  let value = m[3] ?? "";
  if (/^".*"$/s.test(value) || /^'.*'$/s.test(value)) value = value.slice(1, -1);
  return { field: m[1], op: m[2] as ViewOp, value };
}

/** Split `where` parameters into conditions: repeat the parameter, or join with `;` or ` and `. */
export function parseWhere(params: string[]): Condition[] {
  return params
    .flatMap((p) => p.split(/;|\s+and\s+/i))
    .filter((p) => p.trim() !== "")
    .map(parseCondition);
}

/** Find a field of the schema by name ("total", "line_items.amount") or a document column. */
export function resolveColumn(fields: FieldSpec[], name: string, param: string): Column {
  const meta = META[name];
  const scalar = fields.find((f) => f.name === name && f.type !== "array");
  if (scalar) return { kind: "cell", key: scalar.name, type: scalar.type, line: "scalar" };
  const dot = name.indexOf(".");
  if (dot > 0) {
    const parent = fields.find((f) => f.name === name.slice(0, dot) && f.type === "array");
    const child = parent?.children?.find((c) => c.name === name.slice(dot + 1));
    if (child) return { kind: "cell", key: name, type: child.type, line: "item" };
  }
  if (meta) return meta;
  const known = fields.flatMap((f) => (f.type === "array" ? (f.children ?? []).map((c) => `${f.name}.${c.name}`) : [f.name]));
  throw new ServiceError("invalid", `${param}: unknown field "${name}". Fields: ${[...known, "status", "fileName", "createdAt"].join(", ")}.`, {
    path: param,
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function compare(col: SQL, op: Exclude<ViewOp, "~" | "!=">, value: unknown): SQL {
  switch (op) {
    case "=":
      return sql`${col} = ${value}`;
    case "<":
      return sql`${col} < ${value}`;
    case "<=":
      return sql`${col} <= ${value}`;
    case ">":
      return sql`${col} > ${value}`;
    case ">=":
      return sql`${col} >= ${value}`;
  }
}

/** The typed predicate on a cell row `c` (corrected or original columns). */
function cellPredicate(type: FieldType, op: Exclude<ViewOp, "!=">, value: string, original: boolean): SQL {
  const text = original ? sql.raw("c.original") : sql.raw("c.value");
  if (op === "~") return sql`${text} ilike ${`%${escapeLike(value)}%`}`;
  if (type === "number") {
    const n = lenientNumber(value);
    if (n !== undefined) return compare(original ? sql.raw("c.original_num") : sql.raw("c.num"), op, n);
  }
  if (type === "date") {
    const d = queryDate(value);
    if (d !== undefined) return compare(original ? sql.raw("c.original_date") : sql.raw("c.date"), op, sql`${d}::date`);
  }
  return compare(text, op, value);
}

/** One condition as a boolean SQL expression over the document row `d`. */
export function conditionSql(fields: FieldSpec[], cond: Condition, original: boolean): SQL {
  const col = resolveColumn(fields, cond.field, "where");
  const negate = cond.op === "!=";
  const op = negate ? "=" : (cond.op as Exclude<ViewOp, "!=">);
  let pred: SQL;
  if (col.kind === "meta") {
    const c = sql.raw(`d.${col.column}`);
    if (op === "~") pred = sql`${c}::text ilike ${`%${escapeLike(cond.value)}%`}`;
    else if (col.type === "date") {
      const d = queryDate(cond.value) ?? cond.value;
      pred = compare(sql`(${c} at time zone 'UTC')::date`, op, sql`${d}::date`);
    } else pred = compare(c, op, cond.value);
    return negate ? sql`not coalesce(${pred}, false)` : pred;
  }
  const line = col.line === "scalar" ? sql`c.line = -1` : sql`c.line >= 0`;
  const exists = sql`exists (select 1 from view_cells c where c.document_id = d.id and c.field = ${col.key} and ${line} and ${cellPredicate(col.type, op, cond.value, original)})`;
  return negate ? sql`not ${exists}` : exists;
}

/** One sort key: `field` ascending, `-field` descending (missing values last). */
export function sortSql(fields: FieldSpec[], key: string, original: boolean): SQL {
  const desc = key.startsWith("-");
  const name = desc ? key.slice(1) : key.replace(/^\+/, "");
  const col = resolveColumn(fields, name, "sort");
  const dir = sql.raw(desc ? "desc nulls last" : "asc nulls last");
  if (col.kind === "meta") return sql`${sql.raw(`d.${col.column}`)} ${dir}`;
  if (col.line === "item") {
    throw new ServiceError("invalid", `sort: "${name}" is a line-item column; sort by a document field.`, { path: "sort" });
  }
  const p = original ? "original_" : "";
  const expr = col.type === "number" ? `c.${p}num` : col.type === "date" ? `c.${p}date` : original ? "c.original" : "c.value";
  const sub = sql`(select ${sql.raw(expr)} from view_cells c where c.document_id = d.id and c.field = ${col.key} and c.line = -1)`;
  // Numbers and dates without a normalized form still sort among themselves by text.
  if (col.type === "number" || col.type === "date") {
    const textSub = sql`(select ${sql.raw(original ? "c.original" : "c.value")} from view_cells c where c.document_id = d.id and c.field = ${col.key} and c.line = -1)`;
    return sql`${sub} ${dir}, ${textSub} ${dir}`;
  }
  return sql`${sub} ${dir}`;
}
