/**
 * `npm start`: build the dashboard if needed, open the default record ($YALU_DB, else the user data
 * directory, loading the flagship record on first use) and serve API + dashboard on localhost:$PORT.
 */
import { openStore } from "../store/open.ts";
import { ensureWebBuild } from "./build.ts";
import { favourMainThread } from "./priority.ts";
import { startServer } from "./serve.ts";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid PORT "${process.env.PORT}"`);
  const webRoot = await ensureWebBuild();
  const store = await openStore();
  const server = await startServer({
    store,
    port,
    host: process.env.HOST ?? "127.0.0.1",
    webRoot,
    token: process.env.YALU_TOKEN,
  });
  // Requests first: DuckDB's work (imports, refreshes) runs on the CPU left over.
  favourMainThread();
  process.stdout.write(`Yalu on ${store.location}\n${server.url}\n`);
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err) => {
  process.stderr.write(`yalu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
