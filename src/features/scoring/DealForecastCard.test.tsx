import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { DealForecastCard, type DealForecast } from "./DealForecastCard";

const DEAL_ID = "22222222-2222-4222-8222-222222222222";

const forecast: DealForecast = {
  opportunityId: DEAL_ID,
  expectedReturn: {
    expected: 0.1402,
    low: 0.0912,
    high: 0.1888,
    lowAlpha: 0.1,
    highAlpha: 0.9,
    factors: [{ feature: "arvMargin", label: "underwritten return", value: 0.2, contribution: 0.03, direction: "up" }],
    modelId: "m1",
    modelVersion: 2,
  },
  timeToClose: {
    probabilities: [
      { days: 30, probability: 0.214 },
      { days: 60, probability: 0.4449 },
      { days: 90, probability: 0.61 },
    ],
    hazardRatio: 1.1,
    factors: [{ feature: "stage", label: "deal stage", value: "sourced", contribution: -0.2, direction: "down" }],
    modelId: "m2",
    modelVersion: 1,
  },
  scoredAt: "2026-11-30T12:00:00.000Z",
};

describe("DealForecastCard", () => {
  beforeEach(() => {
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
    useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role: "agent" }] } });
  });

  it("shows the expected return with its interval and the chance to close within 30, 60 and 90 days", async () => {
    const fetchMock = mockFetch((url, init) => (url === "/api/ml/deals/score" && init.method === "POST" ? jsonResponse(forecast) : apiError(404, "not_found", url)));
    renderWithRouter(<DealForecastCard opportunityId={DEAL_ID} />);
    expect(await screen.findByText((_, el) => el?.tagName === "P" && el.textContent === "Expected return 14% (9%–19%)")).toBeInTheDocument();
    expect(screen.getByText((_, el) => el?.tagName === "P" && el.textContent === "Chance to close: 30 days 21% · 60 days 44% · 90 days 61%")).toBeInTheDocument();
    expect(screen.getByText("underwritten return")).toBeInTheDocument();
    expect(bodyOf(fetchMock)).toEqual({ opportunityId: DEAL_ID });
  });

  it("says plainly that the forecast is not trained yet on 409, with no numbers", async () => {
    mockFetch(() => apiError(409, "model_not_trained", "The time-to-close model is not trained yet."));
    renderWithRouter(<DealForecastCard opportunityId={DEAL_ID} />);
    expect(await screen.findByText(/not trained yet/)).toBeInTheDocument();
    expect(screen.queryByText(/Expected return/)).not.toBeInTheDocument();
    expect(screen.queryByText(/%/)).not.toBeInTheDocument();
  });

  it("shows an error it can't explain as an alert", async () => {
    mockFetch(() => apiError(500, "internal", "Something broke"));
    renderWithRouter(<DealForecastCard opportunityId={DEAL_ID} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Something broke");
  });
});
