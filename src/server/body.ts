import type { Context, MiddlewareHandler } from "hono";
import { firstInvalidUtf8 } from "../formats/index.ts";
import { badRequest, HttpError } from "./error.ts";

/** How long a request body may take: per piece (idle) and in all (deadline), in ms. */
export interface BodyTimes {
  idleMs: number;
  deadlineMs: number;
}

/**
 * A limit on the request body, checked as it streams, never by reading it ahead: a route reads its
 * body only after its own checks (the token, the content type), so a refused request costs no
 * body at all. A declared Content-Length over `max` is a 413 at once; a chunked body is counted as
 * the route reads it (413 past `max`). A body that sends nothing for `idleMs` is a 408, and so is
 * one not whole `deadlineMs` after the request came: a client dripping a byte at a time never
 * stalls, but cannot hold its request slot longer than the deadline.
 */
export function streamedBodyLimit(max: number, times: BodyTimes): MiddlewareHandler {
  const { idleMs, deadlineMs } = times;
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > max)
      throw new HttpError(413, `request body larger than ${max} bytes`);
    const deadline = performance.now() + deadlineMs;
    const reader = body.getReader();
    let size = 0;
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const left = deadline - performance.now();
        const late =
          left < idleMs
            ? new HttpError(408, `request body too slow: not received whole within ${deadlineMs / 1000} s`)
            : new HttpError(408, `request body stalled: nothing received for ${idleMs / 1000} s`);
        let timer: NodeJS.Timeout | undefined;
        const stalled = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(late), Math.max(0, Math.min(left, idleMs)));
        });
        try {
          const { done, value } = await Promise.race([reader.read(), stalled]);
          if (done) return controller.close();
          size += value.byteLength;
          if (size > max) throw new HttpError(413, `request body larger than ${max} bytes`);
          controller.enqueue(value);
        } catch (err) {
          void reader.cancel().catch(() => undefined);
          controller.error(err);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: "half" } as RequestInit);
    await next();
  };
}

/**
 * The request body as text, read within the limits of {@link streamedBodyLimit} (its 413 or 408
 * as thrown), and decoded as strict UTF-8: an invalid byte is a 400 naming its line and byte, never
 * a silent U+FFFD.
 */
export async function bodyText(c: Context): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await c.req.raw.arrayBuffer());
  } catch (err) {
    // The stream's own error (413, 408) may arrive as the cause of the reader's TypeError.
    const cause = err instanceof HttpError ? err : (err as { cause?: unknown }).cause;
    if (cause instanceof HttpError) throw cause;
    throw badRequest("the request body could not be read", "body");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const where = bad ? `line ${bad.line}, byte ${bad.byte}` : `the end of the body (byte ${bytes.length})`;
    throw badRequest(`body: invalid UTF-8 at ${where}`, "body");
  }
}

/** The request body as JSON, read by {@link bodyText}; not JSON is a 400 with `hint`. */
export async function bodyJson(c: Context, hint = "body must be JSON"): Promise<unknown> {
  const text = await bodyText(c);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(hint, "body");
  }
}
