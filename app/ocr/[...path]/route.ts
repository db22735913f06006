import { ApiError } from "@/lib/contract/errors";
import { apiRoute, preflight } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Unknown paths under the API answer in the error envelope, not with the HTML 404 page.
const notFound = apiRoute(async (req) => {
  throw new ApiError("not_found", `No such endpoint: ${req.method} ${new URL(req.url).pathname}. See GET /openapi.json.`);
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = preflight;
