import sharp from "sharp";
import type { Box } from "../../types";

/** Share of dark pixels inside a grid box of the image (tests: is the box on the ink?). */
export async function inkShare(img: { png: Buffer }, box: Box): Promise<number> {
  const { data, info } = await sharp(img.png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const [x0, x1] = [Math.floor((box.x0 * info.width) / 1000), Math.ceil((box.x1 * info.width) / 1000)];
  const [y0, y1] = [Math.floor((box.y0 * info.height) / 1000), Math.ceil((box.y1 * info.height) / 1000)];
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * info.width + x] ?? 255) < 128) dark++;
  return dark / Math.max(1, (x1 - x0) * (y1 - y0));
}
