import { describe, expect, it } from "vitest";
import { formatPhone } from "./format";

describe("formatPhone", () => {
  it("shows US numbers the way people write them, others internationally", () => {
    expect(formatPhone("+15125550134")).toBe("(512) 555-0134");
    expect(formatPhone("+442079460958")).toBe("+44 20 7946 0958");
    expect(formatPhone("not a phone")).toBe("not a phone");
  });
});
