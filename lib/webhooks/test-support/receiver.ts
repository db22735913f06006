/** A webhook receiver on loopback for tests: verifies every signature, can be down or failing. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "@/lib/webhooks/sign";

/** One delivery as received. */
export interface Received {
  id: string;
  type: string;
  signatureOk: boolean;
  attempt: number;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are asserted field by field
  payload: any;
}

/** A receiver; `secret` is set once the space's secret is known. */
export interface Receiver {
  url: string;
  port: number;
  secret: string;
  received: Received[];
  /** answer 500 to the next `n` deliveries. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1 (`port` to reuse one that a test kept free while "down"). */
export async function startReceiver(port = 0): Promise<Receiver> {
  let failing = 0;
  const r: Receiver = {
    url: "",
    port: 0,
    secret: "",
    received: [],
    failNext(n) {
      failing = n;
    },
    close: () => new Promise((res) => server.close(() => res())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failing > 0) {
        failing--;
        res.writeHead(500, { "content-type": "text/plain" }).end("receiver says no");
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const payload = JSON.parse(body);
      r.received.push({
        id: payload.id,
        type: payload.type,
        signatureOk: verifySignature(req.headers["x-vouch-signature"] as string, r.secret, body),
        attempt: Number(req.headers["x-vouch-attempt"] ?? 0),
        payload,
      });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((res) => server.listen(port, "127.0.0.1", () => res()));
  r.port = (server.address() as AddressInfo).port;
  r.url = `http://127.0.0.1:${r.port}/hook`;
  return r;
}

/** Distinct event ids received, by type. */
export function uniqueByType(received: Received[]): Record<string, number> {
  const seen = new Map<string, string>();
  for (const x of received) seen.set(x.id, x.type);
  const out: Record<string, number> = {};
  for (const t of seen.values()) out[t] = (out[t] ?? 0) + 1;
  return out;
}
