import { describe, expect, it } from "vitest";
import { parseSearch, stringifySearch } from "./searchParams";

describe("search params", () => {
  it("keeps every value a string, and repeated keys as a list", () => {
    expect(parseSearch("?zip=01234&scoreMin=50&embed=true&tag=a&tag=b&q=ada%20lovelace")).toEqual({
      zip: "01234",
      scoreMin: "50",
      embed: "true",
      tag: ["a", "b"],
      q: "ada lovelace",
    });
  });

  it("writes plain values, comma lists and nothing for blanks", () => {
    expect(stringifySearch({ q: "ada lovelace", zip: "01234", scoreMin: 50, status: ["new", "contacted"], tags: [], city: "", state: undefined })).toBe(
      "?q=ada+lovelace&zip=01234&scoreMin=50&status=new,contacted",
    );
    expect(stringifySearch({ redirect: "/members?x=1" })).toBe("?redirect=%2Fmembers%3Fx%3D1");
    expect(stringifySearch({})).toBe("");
  });
});
