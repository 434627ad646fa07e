import { describe, expect, it } from "vitest";
import { HttpError } from "../../http/errors";
import { decodeListCursor, encodeListCursor } from "./listCursor";

describe("list cursor", () => {
  const c = { sort: "created:desc", value: "2026-11-22T07:58:12.123456Z", id: "0aa35d5b-4ce2-4c90-869d-0c4bbc4fad6a" };

  it("round-trips the sort, the full-precision value and the id", () => {
    expect(decodeListCursor(encodeListCursor(c), "created:desc")).toEqual(c);
  });

  it.each([
    ["garbage", "created:desc"],
    [Buffer.from("[1,2]").toString("base64url"), "created:desc"],
    [encodeListCursor({ ...c, id: "x" }), "created:desc"],
    [encodeListCursor(c), "name:asc"], // a cursor of another sort
  ])("rejects %j with a 400 naming cursor", (raw, sort) => {
    try {
      decodeListCursor(raw, sort);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).fields).toHaveProperty("cursor");
    }
  });
});
