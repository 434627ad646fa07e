import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionContext } from "../http/context";

type Handler = (req: Request, context: FunctionContext) => Promise<Response> | Response;
interface FunctionModule {
  default: Handler;
  config?: { path?: string | string[] };
}

interface Route {
  name: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** Netlify path syntax (`/api/leads/:id`, a trailing `*`) → a regular expression with named keys. */
export function compilePath(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        keys.push(segment.slice(1));
        return "([^/]+)";
      }
      if (segment === "*") return ".*";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}/?$`), keys };
}

/**
 * Serves the Netlify functions of netlify/functions outside Netlify (npm run dev, npm start, tests): each
 * module's `config.path` routes to its default export, called with a web Request and a context with params —
 * exactly what Netlify calls it with.
 */
export class FunctionRouter {
  private constructor(private readonly routes: Route[]) {}

  static async load(dir = join(process.cwd(), "netlify", "functions")): Promise<FunctionRouter> {
    const files = (await readdir(dir)).filter((f) => /\.(m?ts|m?js)$/.test(f) && !f.includes(".test."));
    const routes: Route[] = [];
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as FunctionModule;
      const paths = mod.config?.path;
      if (!paths || typeof mod.default !== "function") continue;
      for (const path of Array.isArray(paths) ? paths : [paths]) {
        routes.push({ name: file, ...compilePath(path), handler: mod.default });
      }
    }
    // Literal segments win over parameters (/api/leads/export before /api/leads/:id); wildcards come last.
    const rank = (r: Route) => r.keys.length + (r.pattern.source.includes(".*") ? 100 : 0);
    routes.sort((a, b) => rank(a) - rank(b));
    return new FunctionRouter(routes);
  }

  match(pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
      return { handler: route.handler, params };
    }
    return undefined;
  }

  async handle(req: Request, ip?: string): Promise<Response> {
    const url = new URL(req.url);
    const found = this.match(url.pathname);
    if (!found) {
      return Response.json({ error: { code: "not_found", message: `No endpoint at ${url.pathname}` } }, { status: 404 });
    }
    return found.handler(req, { params: found.params, ip });
  }
}
