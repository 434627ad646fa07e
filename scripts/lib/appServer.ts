import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { FunctionRouter } from "../../netlify/server/local/functionRouter";
import { sendWebResponse, toWebRequest } from "../../netlify/server/local/nodeAdapter";
import { securityHeadersFor } from "../../netlify/server/local/securityHeaders";
import { getConfig } from "../../netlify/server/config";
import { log } from "../../netlify/server/log";

/** The socket's address, or X-Forwarded-For's first hop behind a proxy you run (TRUST_PROXY=true). */
function clientIp(req: IncomingMessage): string | undefined {
  const forwarded = req.headers["x-forwarded-for"];
  if (getConfig().TRUST_PROXY && typeof forwarded === "string") return forwarded.split(",")[0].trim();
  return req.socket.remoteAddress;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** One port: /api/* to the Netlify functions, everything else to the SPA (Vite in dev, dist/ in production). */
export async function startAppServer(options: { port: number; spa: Middleware }): Promise<{ server: Server; url: string }> {
  const router = await FunctionRouter.load();
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(securityHeadersFor(new URL(req.url ?? "/", "http://x").pathname))) res.setHeader(k, v);
    if (req.url?.startsWith("/api/") || req.url === "/api") {
      const origin = `http://${req.headers.host ?? `localhost:${options.port}`}`;
      router
        .handle(toWebRequest(req, origin), clientIp(req))
        .then((response) => sendWebResponse(response, res))
        .catch((err: unknown) => {
          log.error({ err }, "local server failed to answer");
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side" } }));
        });
      return;
    }
    options.spa(req, res, () => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, resolve);
  });
  return { server, url: `http://localhost:${options.port}` };
}
