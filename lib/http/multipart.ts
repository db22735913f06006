import { ApiError } from "@/lib/contract/errors";
import { readBody } from "./route";

/**
 * Read a multipart/form-data body within `maxBytes`: 415 for another content type (with
 * `hint` saying what to send), 413 beyond the limit, 400 when it does not parse.
 */
export async function readMultipart(req: Request, maxBytes: number, hint: string): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) throw new ApiError("unsupported_media_type", `Send multipart/form-data ${hint}.`);
  const body = await readBody(req, maxBytes);
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    throw new ApiError("invalid_request", "The multipart body could not be parsed.");
  }
}
