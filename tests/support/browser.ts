import { chromium, type Browser } from "playwright-core";
import { chromiumFlags, chromiumPath } from "../../src/cli/chromium.ts";

export { chromiumPath };

/** Launches headless Chromium; launch one per test file and close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}
