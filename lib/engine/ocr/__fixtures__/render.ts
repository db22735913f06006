/** Test helper: render lines of text (or any SVG body) into a white PNG with sharp. */
import sharp from "sharp";

export interface TextSpec {
  text: string;
  x: number;
  y: number;
  size?: number;
  weight?: "normal" | "bold";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An SVG document of `width`×`height` with `texts` (baseline at y) and extra SVG markup. */
export function svgPage(width: number, height: number, texts: TextSpec[], extra = ""): string {
  const body = texts
    .map((t) => `<text x="${t.x}" y="${t.y}" font-family="DejaVu Sans" font-size="${t.size ?? 28}" font-weight="${t.weight ?? "normal"}" fill="#000">${esc(t.text)}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${extra}${body}</svg>`;
}

/** Render an SVG page to an RGB PNG with its size. */
export async function renderPng(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: "#fff" }).png().toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Rotate a page image by `deg` (clockwise), growing the canvas, white background. */
export async function rotatePng(img: { png: Buffer }, deg: number): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(img.png).rotate(deg, { background: "#ffffff" }).flatten({ background: "#fff" }).png().toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}
