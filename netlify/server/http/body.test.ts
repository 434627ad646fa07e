import { z } from "zod";
import { describe, expect, it } from "vitest";
import { readJson } from "./body";
import { HttpError } from "./errors";

const schema = z.object({ name: z.string().min(2), address: z.object({ zip: z.string().regex(/^\d{5}$/, { error: "must be a 5-digit ZIP code" }) }) });

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/", { method: "POST", body, headers });

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    return err as HttpError;
  }
  throw new Error("expected a failure");
}

describe("readJson", () => {
  it("parses and validates", async () => {
    await expect(readJson(post('{"name":"Al","address":{"zip":"78704"}}'), schema)).resolves.toEqual({ name: "Al", address: { zip: "78704" } });
  });

  it("accepts a charset and +json types", async () => {
    const ok = '{"name":"Al","address":{"zip":"78704"}}';
    await expect(readJson(post(ok, { "content-type": "application/json; charset=utf-8" }), schema)).resolves.toBeTruthy();
    await expect(readJson(post(ok, { "content-type": "application/merge-patch+json" }), schema)).resolves.toBeTruthy();
  });

  it("415 for another content type", async () => {
    expect((await failure(readJson(post("a=b", { "content-type": "text/plain" }), schema))).status).toBe(415);
  });

  it("400 malformed_json", async () => {
    const err = await failure(readJson(post("{"), schema));
    expect([err.status, err.code]).toEqual([400, "malformed_json"]);
  });

  it("400 for an empty body", async () => {
    expect((await failure(readJson(post(""), schema))).status).toBe(400);
  });

  it("400 naming nested fields", async () => {
    const err = await failure(readJson(post('{"name":"A","address":{"zip":"1"}}'), schema));
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({ name: expect.any(String), "address.zip": "must be a 5-digit ZIP code" });
  });

  it("413 from the declared length before reading, and from the bytes when undeclared", async () => {
    const declared = post("{}", { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) });
    expect((await failure(readJson(declared, schema))).status).toBe(413);
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(100 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = new Request("http://x/", { method: "POST", body: big, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect((await failure(readJson(streamed, schema))).status).toBe(413);
  });
});
