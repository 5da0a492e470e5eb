/** Debian's Chromium: nothing here downloads a browser. */
export const chromiumPath = "/usr/bin/chromium";

/** Flags for headless Chromium on a machine with no network: without the background ones it keeps trying to reach Google. */
export const chromiumFlags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
