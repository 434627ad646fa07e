import { describe, expect, it } from "vitest";
import { HttpError } from "../../http/errors";
import { decodeCursor, encodeCursor } from "./cursor";

describe("lead cursor", () => {
  it("round-trips the microsecond timestamp and id", () => {
    const c = { createdAt: "2026-11-22T07:58:12.123456Z", id: "0aa35d5b-4ce2-4c90-869d-0c4bbc4fad6a" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it.each(["", "garbage", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["2026-11-22", "x"]').toString("base64url")])(
    "rejects %j with a 400 naming cursor",
    (value) => {
      try {
        decodeCursor(value);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(HttpError);
        expect((err as HttpError).status).toBe(400);
        expect((err as HttpError).fields).toHaveProperty("cursor");
      }
    },
  );
});
