/** Debian's chromium, which `yalu plot` and the browser tests drive; YALU_CHROMIUM names another. */
export const CHROMIUM = process.env.YALU_CHROMIUM ?? "/usr/bin/chromium";

/** The flags of a headless chromium without a display, a sandbox or background network traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
