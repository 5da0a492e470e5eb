import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { chromiumFlags, chromiumPath } from "../../src/cli/chromium.ts";

export { chromiumPath };

/** Launches headless Chromium; launch one per test file and close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/**
 * Logs every CSP violation in the context's pages to the console as `securitypolicyviolation: ...`.
 * Init scripts are injected through the DevTools protocol, which the page's policy does not govern,
 * so the listener is in place before the page's first byte is parsed.
 */
export async function logCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (event) => console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} at ${event.sourceFile}:${event.lineNumber}`),
      true,
    );
  });
}
