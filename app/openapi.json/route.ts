import { apiRoute, json, preflight } from "@/lib/http/route";
import { buildOpenApi } from "@/lib/contract/openapi";

export const dynamic = "force-dynamic";

/** GET /openapi.json: the OpenAPI 3.1 document, generated from the request schemas. */
export const GET = apiRoute(async (req) => {
  const origin = new URL(req.url).origin;
  return json(buildOpenApi(origin));
});

export const OPTIONS = preflight;
