import { describe, expect, it } from "vitest";
import { relaySchedule } from "./relaySchedule";

describe("relaySchedule", () => {
  it("polls again at once while passes relay jobs", () => {
    const schedule = relaySchedule(200);
    expect([3, 500, 1].map((n) => schedule.afterPass(n))).toEqual([0, 0, 0]);
  });

  it("backs off from 5 ms, doubling up to the longest idle wait, while the outbox stays empty", () => {
    const schedule = relaySchedule(200);
    expect(Array.from({ length: 9 }, () => schedule.afterPass(0))).toEqual([5, 10, 20, 40, 80, 160, 200, 200, 200]);
  });

  it("starts over from the shortest wait once jobs are relayed again", () => {
    const schedule = relaySchedule(200);
    for (let i = 0; i < 6; i++) schedule.afterPass(0);
    expect([schedule.afterPass(2), schedule.afterPass(0), schedule.afterPass(0)]).toEqual([0, 5, 10]);
  });

  it("never waits longer than asked, even below the shortest wait", () => {
    const fast = relaySchedule(2);
    expect([fast.afterPass(0), fast.afterPass(0)]).toEqual([2, 2]);
    const tight = relaySchedule(20);
    expect(Array.from({ length: 4 }, () => tight.afterPass(0))).toEqual([5, 10, 20, 20]);
  });
});
