import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The dashboard: built to dist/web and served by the Yalu server (`npm start`). `npx vite src/web`
// runs it in development against a server on :8080.
export default defineConfig({
  root: here("."),
  base: "/",
  build: { outDir: here("../../dist/web"), emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://localhost:8080", "/openapi.json": "http://localhost:8080" } },
});
