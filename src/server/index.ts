/** The HTTP API and dashboard server (Hono): `startServer` behind `yalu serve` and `npm start`. */
export { startServer } from "./serve.ts";
export { WEB_DIST } from "./static.ts";
