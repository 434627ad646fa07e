import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { LeadScoreCard } from "./LeadScoreCard";
import type { LeadScore } from "./scoringApi";

const LEAD_ID = "11111111-1111-4111-8111-111111111111";
const NOT_TRAINED = "The lead-conversion model is not trained yet: an org needs at least 2000 labelled lead snapshots with 200 conversions before scores mean more than noise.";

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

function scored(over: Partial<LeadScore> = {}): LeadScore {
  return {
    leadId: LEAD_ID,
    score: 23,
    probability: 0.2314,
    grade: "B",
    factors: [
      { feature: "replyRate", label: "replies ÷ outbound touches", value: 0.5, contribution: 0.9, direction: "up" },
      { feature: "equityPercent", value: 62, contribution: 0.4, direction: "up" },
      { feature: "status", value: "new", contribution: -0.68, direction: "down" },
      { feature: "phoneValid", value: null, contribution: -0.47, direction: "down" },
      { feature: "firstResponseMinutes", value: null, contribution: -0.2, direction: "down" },
    ],
    baseValue: -1.9,
    otherContribution: -0.1,
    margin: -1.05,
    modelId: "254e02af-0000-4000-8000-000000000000",
    modelVersion: 3,
    ...over,
  };
}

describe("LeadScoreCard", () => {
  beforeEach(() => signInAs("agent"));

  it("shows the grade, score, probability and the factors pushing up and down, and scores again on request", async () => {
    let calls = 0;
    const fetchMock = mockFetch((url, init) => {
      if (url === `/api/ml/score?leadId=${LEAD_ID}`) return jsonResponse({ item: null }); // never scored: the card scores it
      if (url === "/api/ml/score" && init.method === "POST") return jsonResponse({ items: [++calls === 1 ? scored() : scored({ score: 41, probability: 0.41, grade: "A" })] });
      return apiError(404, "not_found", url);
    });
    renderWithRouter(<LeadScoreCard leadId={LEAD_ID} />);
    const card = await screen.findByRole("heading", { name: "Lead score" }).then((h) => h.closest("div.rounded-lg") as HTMLElement);
    expect(await within(card).findByText("B")).toBeInTheDocument();
    expect(within(card).getByText("23")).toBeInTheDocument();
    expect(card).toHaveTextContent("23% chance to become a deal within 90 days.");
    expect(bodyOf(fetchMock, 1)).toEqual({ leadId: LEAD_ID });

    const up = within(card).getByRole("list", { name: "Pushing up" });
    expect(within(up).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Reply rate50%", "Owner equity62%"]);
    const down = within(card).getByRole("list", { name: "Pushing down" });
    expect(within(down).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Lead statusnew", "Phone is validno phone or not checked", "Time to first responseno response yet"]);
    expect(card).toHaveTextContent(/Model v3 · scored/);

    fireEvent.click(within(card).getByRole("button", { name: "Score now" }));
    expect(await within(card).findByText("A")).toBeInTheDocument();
    expect(card).toHaveTextContent("41% chance");
    expect(fetchMock.mock.calls.filter(([u]) => u === "/api/ml/score")).toHaveLength(2);
  });

  it("shows the stored score without scoring again (opening a lead writes nothing)", async () => {
    const fetchMock = mockFetch((url) => {
      if (url === `/api/ml/score?leadId=${LEAD_ID}`) return jsonResponse({ item: { ...scored({ grade: "C", score: 12, probability: 0.12 }), scoredAt: "2026-11-29T15:04:00.000Z" } });
      return apiError(404, "not_found", url);
    });
    renderWithRouter(<LeadScoreCard leadId={LEAD_ID} />);
    const card = await screen.findByRole("heading", { name: "Lead score" }).then((h) => h.closest("div.rounded-lg") as HTMLElement);
    expect(await within(card).findByText("C")).toBeInTheDocument();
    expect(card).toHaveTextContent("12% chance");
    expect(card).toHaveTextContent(/scored Nov 29, 2026/);
    expect(fetchMock.mock.calls.map(([, init]) => init?.method ?? "GET")).toEqual(["GET"]);
  });

  it("says the model isn't trained yet on 409 model_not_trained, with no numbers; managers get a link to the Models page", async () => {
    signInAs("owner");
    mockFetch(() => apiError(409, "model_not_trained", NOT_TRAINED));
    renderWithRouter(<LeadScoreCard leadId={LEAD_ID} />);
    expect(await screen.findByText("Lead scoring isn't trained yet for this org")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Models" })).toHaveAttribute("href", "/settings/models");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "Score now" })).toBeNull();
    expect(screen.queryByText(/chance/)).toBeNull();
  });

  it("tells agents an owner or admin trains it, without the link", async () => {
    mockFetch(() => apiError(409, "model_not_trained", NOT_TRAINED));
    renderWithRouter(<LeadScoreCard leadId={LEAD_ID} />);
    expect(await screen.findByText("Lead scoring isn't trained yet for this org")).toBeInTheDocument();
    expect(screen.getByText(/An owner or admin can train it/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Models" })).toBeNull();
  });

  it("shows a failed call in the card and recovers on Score now", async () => {
    let fail = true;
    mockFetch(() => (fail ? apiError(500, "internal", "Something broke") : jsonResponse({ items: [scored()] })));
    renderWithRouter(<LeadScoreCard leadId={LEAD_ID} />);
    expect(await screen.findByRole("status")).toHaveTextContent("Scoring the lead");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't score this lead");
    expect(alert).toHaveTextContent("Something broke");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Score now" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(screen.getByText("B")).toBeInTheDocument();
  });
});
