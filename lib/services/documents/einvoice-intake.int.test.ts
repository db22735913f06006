import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { signInCookie } from "@/e2e/support/session";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { ciiXml, SAMPLE, ublXml } from "@/lib/engine/einvoice/samples.test-helpers";
import { parseEnv } from "@/lib/env";
import { invoicePng, textPdf, waitFor } from "@/lib/jobs/test-helpers";
import type { SheetRow } from "@/lib/sheet/types";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";

const EMAIL = "clerk@example.com";
const PASSWORD = "correct horse battery";
const FACTURX = path.resolve("lib/engine/einvoice/__fixtures__/zugferd-kraxi.pdf");

describe.each(testDatabaseKinds())("e-invoices and duplicates at intake on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let cookie: string;
  let spaceId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    const dataDir = tempDataDir("vouch-einvoice");
    const env = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(env);
    const user = await createUser({ db, input: { email: EMAIL, password: PASSWORD } });
    spaceId = (await createSpace({ db, userId: user.id, input: { name: "Invoices", templateId: "invoice" } })).id;
    await closeDriver(env);
    server = await startServer({ dataDir, env: tdb.env(dataDir) });
    cookie = await signInCookie(server.url, EMAIL, PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  const send = async (bytes: Uint8Array | Buffer, name: string, type: string, part: "file" | "page" = "file") => {
    const form = new FormData();
    form.append(part, new Blob([new Uint8Array(bytes)], { type }), name);
    return fetch(`${server.url}/api/spaces/${spaceId}/documents`, { method: "POST", body: form, headers: { cookie } });
  };
  const done = async (documentId: string) =>
    waitFor(async () => {
      const res = await fetch(`${server.url}/api/spaces/${spaceId}/documents`, { headers: { cookie } });
      const r = ((await res.json()) as { rows: SheetRow[] }).rows.find((x) => x.documentId === documentId);
      return r && (r.status === "done" || r.status === "failed") ? r : null;
    });
  const created = async (res: Response) => {
    expect(res.status).toBe(201);
    return ((await res.json()) as { documentId: string }).documentId;
  };

  it("an XRechnung XML fills its row exactly, with boxes on a rendering of the invoice", async () => {
    const id = await created(await send(new TextEncoder().encode(ciiXml()), "xrechnung.xml", "application/xml"));
    const row = await done(id);
    expect(row.status).toBe("done");
    expect(row.cells.invoice_number).toMatchObject({ value: SAMPLE.number, bbox_source: "e_invoice_xml" });
    expect(row.cells.total).toMatchObject({ value: SAMPLE.total, normalized: 238 });
    expect(row.cells.vendor?.value).toBe(SAMPLE.seller);
    expect(row.cells.total?.vertices).not.toBeNull();
    expect(row.arrays.line_items?.map((r) => r.amount?.normalized)).toEqual([45, 155]);
    // the viewer's page is the rendering drawn from the XML
    expect(row.pages).toHaveLength(1);
    const img = await fetch(`${server.url}${row.pages[0]?.imageUrl}`, { headers: { cookie } });
    expect(img.headers.get("content-type")).toBe("image/png");

    // The same invoice again as UBL (other bytes): a possible duplicate, with a link, never a block.
    const dup = await created(await send(new TextEncoder().encode(ublXml()), "peppol.xml", "application/xml"));
    const dupRow = await done(dup);
    expect(dupRow.status).toBe("done");
    const issue = dupRow.issues.find((i) => i.code === "possible_duplicate");
    expect(issue?.related).toEqual({ documentId: id, fileName: "xrechnung.xml" });
    // the job API and webhooks carry the same result
    const job = await fetch(`${server.url}/api/documents/${dup}`, { headers: { cookie } });
    expect(job.status).toBe(200);

    // The reviewer dismisses it.
    const dismissed = await fetch(`${server.url}/api/documents/${dup}/dismiss-duplicate`, { method: "POST", headers: { cookie } });
    expect(dismissed.status).toBe(200);
    const after = await done(dup);
    expect(after.issues.some((i) => i.code === "possible_duplicate")).toBe(false);
  });

  it("a Factur-X PDF sent alone is read through its embedded XML", async () => {
    const id = await created(await send(readFileSync(FACTURX), "kraxi.pdf", "application/pdf"));
    const row = await done(id);
    expect(row.status).toBe("done");
    expect(row.cells.invoice_number).toMatchObject({ value: "2014-03", bbox_source: "e_invoice_xml" });
    expect(row.cells.total).toMatchObject({ value: "1.005,55", normalized: 1005.55 });
    expect(row.cells.total?.vertices).not.toBeNull();
    expect(row.arrays.line_items).toHaveLength(7);
    expect(row.issues.filter((i) => i.code === "e_invoice_print_mismatch")).toEqual([]);
  });

  it("the same invoice as a photo and as a PDF is flagged", async () => {
    const photo = await created(await send(await invoicePng({ number: "INV-7001", total: "1,234.50" }), "photo.png", "image/png", "page"));
    expect((await done(photo)).status).toBe("done");
    // (no item line: "Paper A4 2 200.00" in one text run reads as the amount 2 200.00, a different question)
    const pdf = textPdf(["ACME Supplies Ltd", "INVOICE", "Invoice No: INV-7001", "Date: 2024-03-15", "Total: 1,234.50"]);
    const second = await done(await created(await send(pdf, "scan.pdf", "application/pdf")));
    expect(second.issues.find((i) => i.code === "possible_duplicate")?.related?.documentId).toBe(photo);
  });

  it("refuses an XML with entities (XXE) and an XML that is no invoice", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rsm:CrossIndustryInvoice>&x;</rsm:CrossIndustryInvoice>`;
    const bad = await send(new TextEncoder().encode(xxe), "evil.xml", "application/xml");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/DOCTYPE/);
    const note = await send(new TextEncoder().encode("<note><to>x</to></note>"), "note.xml", "application/xml");
    expect(note.status).toBe(400);
  });

  it("my company: set over the API, our name marks the buyer block even when printed first", async () => {
    const put = await fetch(`${server.url}/api/settings/company`, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ names: ["Stadtwerke Musterstadt"], taxIds: ["DE129273398"], ibans: [], addresses: [] }),
    });
    expect(put.status).toBe(200);
    const got = (await (await fetch(`${server.url}/api/settings/company`, { headers: { cookie } })).json()) as { company: { names: string[] } };
    expect(got.company.names).toEqual(["Stadtwerke Musterstadt"]);
    const pdf = textPdf([
      "Stadtwerke Musterstadt GmbH",
      "Am Markt 1, 12345 Musterstadt",
      "",
      "Nordlicht Buerobedarf GmbH",
      "Rechnung",
      "Rechnungsnummer: RE-88",
      "Gesamtbetrag: 99,00 EUR",
    ]);
    const row = await done(await created(await send(pdf, "buyer-first.pdf", "application/pdf")));
    expect(row.cells.vendor?.value).toBe("Nordlicht Buerobedarf GmbH");
    expect(row.issues.some((i) => i.code === "not_addressed_to_us")).toBe(false);
    // an e-invoice to another buyer is flagged
    const other = ciiXml({ ...SAMPLE, number: "RE-OTHER-1", buyer: "Hafenbetriebe Kiel" });
    const xmlRow = await done(await created(await send(new TextEncoder().encode(other), "other-buyer.xml", "application/xml")));
    expect(xmlRow.issues.find((i) => i.code === "not_addressed_to_us")?.message).toContain("Hafenbetriebe Kiel");
  });
});
