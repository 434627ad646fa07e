import { describe, expect, it } from "vitest";
import { compilePath, FunctionRouter } from "./functionRouter";

describe("compilePath", () => {
  it("matches parameters and an optional trailing slash", () => {
    const { pattern, keys } = compilePath("/api/leads/:id");
    expect(keys).toEqual(["id"]);
    expect(pattern.exec("/api/leads/abc")?.[1]).toBe("abc");
    expect(pattern.test("/api/leads/abc/")).toBe(true);
    expect(pattern.test("/api/leads/abc/notes")).toBe(false);
    expect(pattern.test("/api/leads")).toBe(false);
  });

  it("escapes literal characters", () => {
    expect(compilePath("/api/v1.0/x").pattern.test("/api/v1a0/x")).toBe(false);
  });
});

describe("FunctionRouter over netlify/functions", () => {
  it("routes every function's config.path, literal routes before parameters", async () => {
    const router = await FunctionRouter.load();
    expect(router.match("/api/leads")?.params).toEqual({});
    expect(router.match("/api/leads/123")?.params).toEqual({ id: "123" });
    expect(router.match("/api/org/members/u1")?.params).toEqual({ userId: "u1" });
    expect(router.match("/api/health")).toBeDefined();
    expect(router.match("/assets/app.js")).toBeUndefined();
  });

  it("answers unknown API paths with a JSON 404 carrying a request id (the catch-all function)", async () => {
    const router = await FunctionRouter.load();
    const res = await router.handle(new Request("http://x/api/nope/deeper", { method: "POST" }));
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe("not_found");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });
});
