import type { Hono, MiddlewareHandler } from "hono";
import { findTargetHandler } from "hono/utils/handler";
import { z } from "zod";
import { HttpError } from "./error.ts";

/** Zod schemas by name, as a route validates its query or path parameters. */
export type Shape = Record<string, z.ZodType>;

/** What the OpenAPI document says of a route; given in the route with {@link documented}. */
export interface RouteDoc {
  summary: string;
  /** The query parameters, the shape the route validates them with. */
  query?: Shape;
  /** The path parameters (`/:id` → `{ id }`). */
  path?: Shape;
  /** The request body by content type. */
  body?: Record<string, z.ZodType>;
  /** The 200 answer in words, e.g. "{ total, limit, offset, events }". */
  answer: string;
  /** Needs `Authorization: Bearer <token>` (401, 403). */
  token?: boolean;
  /** Error statuses besides 400, 404 and 500. */
  errors?: number[];
}

const docs = new WeakMap<MiddlewareHandler, RouteDoc>();

/**
 * A route's documentation, as a middleware: the OpenAPI document lists every route that has one,
 * wherever it is mounted. A route with a `body` takes only the content types it documents: any
 * other is a 415 before the body is read, so a cross-site form or text/plain POST cannot fire it.
 * @example app.get("/stats", documented({ summary: "Record statistics", answer: "{ events, … }" }), handler)
 */
export function documented(doc: RouteDoc): MiddlewareHandler {
  const types = Object.keys(doc.body ?? {});
  const pass: MiddlewareHandler = types.length
    ? (c, next) => {
        const sent = c.req.header("content-type") ?? "";
        const type = sent.split(";")[0].trim().toLowerCase();
        if (!types.includes(type))
          throw new HttpError(
            415,
            `unsupported content type ${JSON.stringify(sent || "(none)")}: send ${types.join(" or ")}`,
            "Content-Type",
          );
        return next();
      }
    : (_c, next) => next();
  docs.set(pass, doc);
  return pass;
}

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
};

function parameters(shape: Shape | undefined, where: "query" | "path") {
  return Object.entries(shape ?? {}).map(([name, schema]) => {
    const { description, ...rest } = jsonSchema(schema);
    return {
      name,
      in: where,
      required: where === "path" || !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const errorAnswer = { $ref: "#/components/responses/Error" };

function operation(doc: RouteDoc) {
  const statuses = [
    400,
    404,
    500,
    ...(doc.body ? [415] : []),
    ...(doc.token ? [401, 403] : []),
    ...(doc.errors ?? []),
  ];
  return {
    summary: doc.summary,
    parameters: [...parameters(doc.path, "path"), ...parameters(doc.query, "query")],
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              Object.entries(doc.body).map(([type, schema]) => [type, { schema: jsonSchema(schema) }]),
            ),
          },
        }
      : {}),
    ...(doc.token ? { security: [{ bearer: [] }] } : {}),
    responses: {
      "200": { description: doc.answer, content: { "application/json": { schema: { type: "object" } } } },
      ...Object.fromEntries(statuses.sort().map((s) => [String(s), errorAnswer])),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the app's documented routes (served at /openapi.json): their
 * parameters and bodies are the zod schemas the routes validate with.
 */
export function openApiDocument(app: Hono): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of app.routes) {
    const doc = docs.get(findTargetHandler(route.handler) as MiddlewareHandler);
    if (!doc) continue;
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(doc);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Yalu API",
      version: "0.1.0",
      description:
        "The event record, its analysis (series, phases, network, leverage indicators) and the claim check. Read-only unless the operator sets YALU_TOKEN; write endpoints then need `Authorization: Bearer <token>`.",
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Error: {
          description:
            "Error: JSON with the status, a message naming the bad value, and the parameter at fault.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["status", "message"],
              properties: {
                status: { type: "integer" },
                message: { type: "string" },
                parameter: { type: "string" },
              },
            },
          },
        },
      },
    },
  };
}
