import { describe, expect, it } from "vitest";
import { toPrefixTsQuery } from "./searchTerms";

describe("toPrefixTsQuery", () => {
  it("ANDs a prefix per word, lowercased", () => {
    expect(toPrefixTsQuery("Rosa  Char")).toBe("'rosa':* & 'char':*");
  });
  it("reads a phone as its digits (last ten)", () => {
    expect(toPrefixTsQuery("(704) 555-01")).toBe("'70455501':*");
    expect(toPrefixTsQuery("+1 704 555 0199")).toBe("'7045550199':*");
  });
  it("splits emails into their parts", () => {
    expect(toPrefixTsQuery("rosa@exa")).toBe("'rosa':* & 'exa':*");
  });
  it("drops tsquery syntax so input can't break the query", () => {
    expect(toPrefixTsQuery("a' | b & !c:*")).toBe("'a':* & 'b':* & 'c':*");
    expect(toPrefixTsQuery("'&|!")).toBeNull();
    expect(toPrefixTsQuery("")).toBeNull();
  });
  it("keeps letters beyond ASCII", () => {
    expect(toPrefixTsQuery("José Núñez")).toBe("'josé':* & 'núñez':*");
  });
});
