import pino from "pino";

/** JSON lines on stdout; every request's lines carry its requestId (see http/endpoint.ts). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "hidden-key" },
  redact: { paths: ["*.password", "*.accessToken", "*.refreshToken", "req.headers.authorization"], remove: true },
});

export type Logger = pino.Logger;
