import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { StorageError } from "../store/index.ts";

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { status: number; message: string; parameter?: string };
}

/**
 * The one HTTP error of the server: a status, a short lowercase message naming the bad value, and
 * the query parameter or body field at fault.
 * @example throw new HttpError(400, 'invalid date "2025-13-01"', "from")
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly parameter?: string,
    /** Headers the answer carries, e.g. Retry-After of a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }

  body(): ErrorBody {
    const error: ErrorBody["error"] = { status: this.status, message: this.message };
    if (this.parameter !== undefined) error.parameter = this.parameter;
    return { error };
  }
}

export const badRequest = (message: string, parameter?: string) => new HttpError(400, message, parameter);

/**
 * Turn any thrown value into an error response; unexpected errors are logged and hidden. A storage
 * failure (full disk…) is a 503 naming its cause; a fatal one is also reported to `storeFailed`
 * (the server then stops).
 */
export function onError(log: (message: string) => void, storeFailed: (err: StorageError) => void = () => {}) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return c.json(err.body(), err.status, err.headers);
    if (err instanceof StorageError) {
      if (err.fatal) storeFailed(err);
      return c.json(new HttpError(503, err.message).body(), 503);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(new HttpError(status, err.message || "request rejected").body(), status);
    }
    log(`error: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json(new HttpError(500, "internal error").body(), 500);
  };
}
