/** Tiny one-word page images: fast to OCR, distinct bytes per word (no duplicate flagging). */
import sharp from "sharp";

/** A 200×80 PNG showing `word`. */
export async function wordPng(word: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="12" y="52" font-family="DejaVu Sans" font-size="30" fill="#000">${word}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A multipart body of `files` parts plus text parts. */
export function uploadForm(files: Array<{ name: string; bytes: Buffer }>, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("files", new Blob([new Uint8Array(f.bytes)], { type: "image/png" }), f.name);
  return form;
}
