// Fixtures for the board's tests.
import type { OpportunityCard, PipelineColumn, PipelineStage } from "@/domain/pipeline";

export const STAGES: PipelineStage[] = [
  { id: "a0000000-0000-4000-8000-000000000001", name: "New", position: 0, kind: "open", probability: 10 },
  { id: "a0000000-0000-4000-8000-000000000002", name: "Qualified", position: 1, kind: "open", probability: 50 },
  { id: "a0000000-0000-4000-8000-000000000003", name: "Closed Won", position: 2, kind: "won", probability: 100 },
  { id: "a0000000-0000-4000-8000-000000000004", name: "Closed Lost", position: 3, kind: "lost", probability: 0 },
];

let n = 0;
export function card(over: Partial<OpportunityCard> = {}): OpportunityCard {
  n += 1;
  return {
    id: `c0000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    title: `Deal ${n}`,
    stageId: STAGES[0].id,
    position: 0,
    version: 1,
    value: 100_000,
    probability: null,
    expectedCloseDate: "2026-12-15",
    ownerId: null,
    ownerName: "Avery Agent",
    leadId: null,
    propertyType: "single_family",
    city: "Austin",
    state: "TX",
    zip: "78701",
    stageEnteredAt: "2026-11-18T09:00:00.000Z",
    createdAt: "2026-11-01T09:00:00.000Z",
    ...over,
  };
}

/** Columns with totals computed from their cards, as the API sends them. */
export function board(cardsByStage: OpportunityCard[][]): PipelineColumn[] {
  return STAGES.map((stage, i) => {
    const cards = (cardsByStage[i] ?? []).map((c, position) => ({ ...c, stageId: stage.id, position }));
    return {
      ...stage,
      count: cards.length,
      totalValue: cards.reduce((s, c) => s + (c.value ?? 0), 0),
      weightedValue: cards.reduce((s, c) => s + ((c.value ?? 0) * (c.probability ?? stage.probability)) / 100, 0),
      opportunities: cards,
    };
  });
}
