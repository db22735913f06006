import fs from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * A real headless Chromium: CHROME_PATH when set, else the build that ships inside the
 * @sparticuz/chromium npm package (so a fresh `npm install` is enough).
 */
export async function launchBrowser(): Promise<Browser> {
  let executablePath = process.env.CHROME_PATH;
  if (executablePath && !fs.existsSync(executablePath)) throw new Error(`CHROME_PATH ${executablePath} does not exist`);
  if (!executablePath) {
    const { default: sparticuz } = await import("@sparticuz/chromium");
    executablePath = await sparticuz.executablePath();
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--no-zygote",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}
