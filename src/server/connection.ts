import type { ServerOptions } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorBody } from "./error.ts";
import type { HardeningOptions } from "./hardening.ts";

type Deadlines = Pick<HardeningOptions, "headersDeadlineMs" | "importDeadlineMs" | "bodyDeadlineMs">;

/** Past the routes' own body deadline, Node closes a request whose body no route reads. */
const BACKSTOP_MS = 5_000;

const wholeRequestMs = (o: Deadlines) => o.headersDeadlineMs + Math.max(o.importDeadlineMs, o.bodyDeadlineMs);

/**
 * Node's own limits on a connection, from the hardening deadlines: headers within
 * `headersDeadlineMs` (Node's default is 60 s), and, as a backstop for a body no route reads, the
 * whole request within the longest body deadline and 5 s more (Node's default is 300 s). Node
 * checks both on a timer, every 30 s by default; here every second at most, so a slow client is
 * closed when its time is up.
 */
export function connectionLimits(o: Deadlines): ServerOptions {
  return {
    headersTimeout: o.headersDeadlineMs,
    requestTimeout: wholeRequestMs(o) + BACKSTOP_MS,
    connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.round(o.headersDeadlineMs / 4))),
  };
}

/**
 * The answer to a connection Node gives up on before any route sees it (a request too slow to
 * arrive, malformed, or with headers over Node's limit), as JSON naming the limit like the routes'
 * errors; then the connection is closed. Node's own answers are bare (`408 Request Timeout`).
 * @example server.on("clientError", clientError(limits))
 */
export function clientError(o: Deadlines) {
  const slow = `request not received whole in time: headers within ${o.headersDeadlineMs / 1000} s, the whole request within ${(wholeRequestMs(o) + BACKSTOP_MS) / 1000} s`;
  return (err: NodeJS.ErrnoException, socket: Duplex): void => {
    // A response already under way (its headers sent) cannot be followed by another.
    const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (socket.writable && !started) {
      const [status, reason, message]: [number, string, string] =
        err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", slow]
          : err.code === "HPE_HEADER_OVERFLOW"
            ? [431, "Request Header Fields Too Large", "request headers larger than Node's limit (16 KB)"]
            : [400, "Bad Request", `malformed request (${err.code ?? err.message})`];
      const body = JSON.stringify({ error: { status, message } } satisfies ErrorBody);
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.destroy(err);
  };
}
