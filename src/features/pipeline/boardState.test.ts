import { describe, expect, it } from "vitest";
import { addCard, dropTarget, findCard, moveCard, updateCard, weightedValueOf } from "./boardState";
import { board, card, STAGES } from "./testBoard";

const [NEW, QUALIFIED] = STAGES;
const stageIdOf = (id: string) => (id.startsWith("column:") ? id.slice(7) : null);

describe("moveCard", () => {
  it("moves a card to another stage, renumbering positions and moving its count, value and weighted value", () => {
    const a = card({ value: 200_000 });
    const b = card({ value: 50_000, probability: 80 });
    const c = card({ value: 100_000 });
    const columns = board([[a, b], [c]]);
    const next = moveCard(columns, b.id, QUALIFIED.id, 0);

    expect(next[0].opportunities.map((x) => x.id)).toEqual([a.id]);
    expect(next[1].opportunities.map((x) => [x.id, x.position, x.stageId])).toEqual([[b.id, 0, QUALIFIED.id], [c.id, 1, QUALIFIED.id]]);
    expect(next[0]).toMatchObject({ count: 1, totalValue: 200_000, weightedValue: 20_000 });
    // b keeps its own 80%: 40,000 weighted wherever it goes.
    expect(next[1]).toMatchObject({ count: 2, totalValue: 150_000, weightedValue: 50_000 + 40_000 });
    expect(columns[0].opportunities).toHaveLength(2); // not mutated
  });

  it("weights a card without its own probability at the new stage's", () => {
    const a = card({ value: 100_000, probability: null });
    const next = moveCard(board([[a], []]), a.id, QUALIFIED.id, 0);
    expect(next[0].weightedValue).toBe(0);
    expect(next[1].weightedValue).toBe(50_000);
    expect(weightedValueOf(a, NEW)).toBe(10_000);
  });

  it("reorders within a stage without touching the totals, and clamps the index", () => {
    const [a, b, c] = [card(), card(), card()];
    const columns = board([[a, b, c]]);
    const next = moveCard(columns, a.id, NEW.id, 99);
    expect(next[0].opportunities.map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    expect(next[0].opportunities.map((x) => x.position)).toEqual([0, 1, 2]);
    expect(next[0]).toMatchObject({ count: 3, totalValue: columns[0].totalValue });
    expect(moveCard(columns, a.id, NEW.id, 0)).toBe(columns); // no change
  });

  it("puts a card back exactly where it was (rollback), with its old fields", () => {
    const [a, b] = [card({ version: 3 }), card()];
    const columns = board([[a, b], []]);
    const moved = moveCard(columns, a.id, QUALIFIED.id, 0, { stageEnteredAt: "2026-11-30T00:00:00.000Z" });
    const back = moveCard(moved, a.id, NEW.id, 0, findCard(columns, a.id)!.card);
    expect(back).toEqual(columns);
  });

  it("ignores unknown cards and stages", () => {
    const columns = board([[card()]]);
    expect(moveCard(columns, "nope", QUALIFIED.id, 0)).toBe(columns);
    expect(moveCard(columns, columns[0].opportunities[0].id, "nope", 0)).toBe(columns);
  });
});

describe("updateCard and addCard", () => {
  it("replaces a card's fields in place (the server's answer to a move)", () => {
    const a = card({ version: 1 });
    const next = updateCard(board([[card(), a]]), { ...a, version: 2 });
    expect(next[0].opportunities[1]).toMatchObject({ id: a.id, version: 2, position: 1 });
  });

  it("adds a new deal at the top of its stage with the totals", () => {
    const next = addCard(board([[card()]]), card({ value: 10_000, stageId: NEW.id }));
    expect(next[0]).toMatchObject({ count: 2, totalValue: 110_000, weightedValue: 11_000 });
    expect(next[0].opportunities[0].value).toBe(10_000);
  });
});

describe("dropTarget", () => {
  it("is the index of the card under the pointer, or the end of a column's shown cards", () => {
    const [a, b, c] = [card(), card(), card()];
    const columns = board([[a, b], [c]]);
    expect(dropTarget(columns, a.id, c.id, stageIdOf)).toEqual({ stageId: QUALIFIED.id, index: 0 });
    expect(dropTarget(columns, a.id, `column:${QUALIFIED.id}`, stageIdOf)).toEqual({ stageId: QUALIFIED.id, index: 1 });
    expect(dropTarget(columns, a.id, `column:${NEW.id}`, stageIdOf)).toEqual({ stageId: NEW.id, index: 1 });
    expect(dropTarget(columns, c.id, `column:${NEW.id}`, stageIdOf, () => 1)).toEqual({ stageId: NEW.id, index: 1 });
    expect(dropTarget(columns, a.id, "unknown", stageIdOf)).toBeNull();
  });
});
