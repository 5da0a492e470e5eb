import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium: the tests never download a browser. */
export const chromiumPath = "/usr/bin/chromium";

/** Launches headless Chromium; launch one per test file and close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
