import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { ModelsPage } from "./ModelsPage";
import type { ModelKindGroup, ModelsOverview, ModelVersion, ReliabilityDiagram } from "./scoringApi";

const V1 = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const V2 = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const R1 = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const R2 = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
const C1 = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

const testWindow = (auc: number) => ({ auc, logLoss: 0.4192, brier: 0.0912, ece: 0.0349, rows: 800, positives: 101 });

function version(over: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id: V1,
    version: 1,
    kind: "lead_conversion",
    active: true,
    calibration: null,
    metrics: {
      test: testWindow(0.806),
      testUncalibrated: { ...testWindow(0.806), ece: 0.08 },
      validation: testWindow(0.79),
      split: { validationStart: 0, testStart: 0, trainRows: 2000, validationRows: 569, testRows: 800, embargoedRows: 12 },
      horizonDays: 90,
      promotion: { promoted: true, reason: "no active model: promoted", comparedWith: null },
    },
    trainingWindow: { start: "2023-01-01T03:51:48.759Z", end: "2026-07-30T00:00:00.000Z" },
    trainingRows: 3369,
    createdAt: "2026-11-30T12:00:00.000Z",
    promotedAt: "2026-11-30T12:00:00.000Z",
    note: "synthetic demo model",
    trees: 120,
    featureImportance: [
      { feature: "replyRate", gain: 270.2, share: 0.183, splits: 10 },
      { feature: "equityPercent", gain: 268.2, share: 0.182, splits: 46 },
      { feature: "status", gain: 100, share: 0.068, splits: 4 },
    ],
    ...over,
  };
}

const overview = (items: ModelVersion[]): ModelsOverview => {
  const active = items.find((m) => m.active);
  const lead = { trained: !!active, activeVersion: active?.version ?? null, message: active ? null : "The lead-conversion model is not trained yet: …", items };
  return { ...lead, kinds: [{ kind: "lead_conversion", task: "classification", ...lead }] };
};

describe("ModelsPage", () => {
  beforeEach(() => signInAs("owner"));

  it("lists the versions with their metrics and active flag, charts feature importance, and lets a manager activate one", async () => {
    let items = [version({ id: V2, version: 2, active: false, metrics: { ...version().metrics, test: testWindow(0.81) } }), version()];
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/ml/models") return jsonResponse(overview(items));
      if (url === "/api/ml/drift")
        return jsonResponse({
          latest: { id: "d1", computedAt: "2026-11-30T03:00:00.000Z", alert: true, rows: 180, modelVersion: 2, major: ["score", "source"], score: { psi: 0.31, level: "major" }, features: [{ feature: "source", psi: 0.42, level: "major" }, { feature: "replyRate", psi: 0.05, level: "stable" }] },
          history: [],
        });
      if (url === `/api/ml/models/${V2}/activate` && init.method === "POST") {
        items = items.map((m) => ({ ...m, active: m.id === V2 }));
        return jsonResponse(items[0]);
      }
      return apiError(404, "not_found", url);
    });
    renderWithRouter(<ModelsPage />);
    const table = await screen.findByRole("table", { name: "Lead conversion versions" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").slice(0, 7).map((c) => c.textContent))).toEqual([
      ["v2", "Inactive", "0.810", "0.419", "0.091", "0.035", "800 (101 deals)"],
      ["v1", "Active", "0.806", "0.419", "0.091", "0.035", "800 (101 deals)"],
    ]);
    // The active version's details show by default: importance as a chart with its data as a table.
    expect(screen.getByRole("heading", { name: /Lead conversion · version 1/ })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: /Feature importance of v1.*Reply rate 18%/ })).toBeInTheDocument();
    const data = screen.getByRole("table", { name: /Feature importance of v1/ });
    expect(within(data).getAllByRole("rowheader").map((c) => c.textContent)).toEqual(["Reply rate", "Owner equity", "Lead status"]);
    // The nightly drift check: the score and each feature's PSI, most shifted first.
    const drift = await screen.findByRole("list", { name: "Population stability index per feature" });
    expect(within(drift).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Lead source0.420 major shift", "Reply rate0.050 stable"]);
    expect(drift.parentElement).toHaveTextContent(/on 180 recently scored leads against model v2: the score is major shift \(PSI 0.310\)/);
    expect(within(rows[1]).queryByRole("button", { name: /Activate|Roll back/ })).toBeNull();

    fireEvent.click(within(rows[0]).getByRole("button", { name: "Activate v2" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => u === `/api/ml/models/${V2}/activate` && i?.method === "POST")).toBe(true));
    const v1Row = await within(table).findByRole("row", { name: /v1 Inactive/ });
    // v1 is now older than the active version: rolling back to it.
    expect(within(v1Row).getByRole("button", { name: "Roll back to v1" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: /Lead conversion · version 2/ })).toBeInTheDocument();
  });

  it("queues training for managers", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/ml/models") return jsonResponse(overview([]));
      if (url === "/api/ml/train" && init.method === "POST") return jsonResponse({ jobId: "job", status: "queued" }, 202);
      return apiError(404, "not_found", url);
    });
    renderWithRouter(<ModelsPage />);
    expect(await screen.findByText("Lead scoring isn't trained yet for this org")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Train now" }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => u === "/api/ml/train" && i?.method === "POST")).toBe(true));
  });

  it("shows agents the versions without activate or train buttons", async () => {
    signInAs("agent");
    mockFetch(() => jsonResponse(overview([version({ id: V2, version: 2, active: false }), version()])));
    renderWithRouter(<ModelsPage />);
    const table = await screen.findByRole("table", { name: "Lead conversion versions" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: /Activate|Roll back/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Train now" })).toBeNull();
  });

  describe("per-kind sections and the calibration plot", () => {
    const empty = { meanPredicted: null, observedRate: null, positives: 0, count: 0 };
    const calibration: ReliabilityDiagram = {
      strategy: "uniform",
      rows: 800,
      positives: 101,
      bins: [
        { lower: 0, upper: 0.1, count: 500, positives: 20, meanPredicted: 0.04, observedRate: 0.04 },
        { lower: 0.1, upper: 0.2, count: 200, positives: 30, meanPredicted: 0.14, observedRate: 0.15 },
        { lower: 0.2, upper: 0.3, ...empty },
        { lower: 0.3, upper: 0.4, count: 100, positives: 51, meanPredicted: 0.35, observedRate: 0.51 },
        ...Array.from({ length: 6 }, (_, i) => ({ lower: (4 + i) / 10, upper: (5 + i) / 10, ...empty })),
      ],
    };
    const returnVersion = (over: Partial<ModelVersion>): ModelVersion =>
      version({
        id: R1,
        kind: "expected_return",
        version: 1,
        calibration: null,
        trees: 60,
        note: null,
        metrics: {
          test: { rows: 120, rmse: 0.0812, mae: 0.0603, baselineRmse: 0.1204, coverage: 0.79, meanWidth: 0.21 },
          validation: { rows: 150, rmse: 0.0799, mae: 0.06, baselineRmse: 0.119, coverage: 0.8, meanWidth: 0.2 },
          interval: { lowAlpha: 0.1, highAlpha: 0.9, widening: 0.01 },
          split: { trainRows: 400, validationRows: 150, testRows: 120, embargoedRows: 0 },
          promotion: { promoted: true, reason: "no active model: promoted", comparedWith: null },
        } as never,
        featureImportance: [{ feature: "capRate", gain: 50, share: 0.5, splits: 12 }],
        ...over,
      });
    const closeVersion = version({
      id: C1,
      kind: "time_to_close",
      version: 1,
      calibration: null,
      note: null,
      metrics: {
        test: { rows: 130, closes: 61, concordance: 0.712, calibration: [{ days: 30, predicted: 0.21, observed: 0.2 }, { days: 60, predicted: 0.4, observed: 0.43 }, { days: 90, predicted: 0.55, observed: 0.52 }] },
        validation: { rows: 140, closes: 70, concordance: 0.7 },
        horizonsDays: [30, 60, 90],
        split: { trainRows: 400, validationRows: 140, testRows: 130 },
      } as never,
      featureImportance: [{ feature: "stage", gain: 10, share: 1, splits: 3 }],
    });
    const group = (kind: string, task: ModelKindGroup["task"], items: ModelVersion[], message = "not trained yet"): ModelKindGroup => {
      const active = items.find((m) => m.active);
      return { kind, task, trained: !!active, activeVersion: active?.version ?? null, message: active ? null : message, items };
    };
    const allKinds = (lead: ModelVersion[], returns: ModelVersion[]) => ({
      ...overview(lead),
      kinds: [
        group("lead_conversion", "classification", lead),
        group("expected_return", "regression", returns),
        group("time_to_close", "survival", [closeVersion]),
        group("investor_match", "classification", [], "The investor–match model is not trained yet for this org: until it is, investor matching is rule-based."),
      ],
    });

    it("draws the active classifier's calibration bins (predicted vs observed, the diagonal, size by count) with the bins as a table", async () => {
      mockFetch((url) => (url === "/api/ml/models" ? jsonResponse(allKinds([version({ calibration })], [])) : url === "/api/ml/drift" ? jsonResponse({ latest: null, history: [] }) : apiError(404, "not_found", url)));
      renderWithRouter(<ModelsPage />);
      const plot = await screen.findByRole("img", { name: "Calibration of lead conversion v1: predicted probability vs observed conversion rate" });
      expect(plot).toHaveAccessibleDescription(/^3 bins of 800 held-out rows\. Predicted 4\.0%, observed 4\.0% \(500 rows\); .*Largest gap: predicted 35% vs observed 51%\.$/);
      // Empty bins are left out; the largest bin gets the largest dot.
      const dots = within(plot).getAllByTestId("calibration-bin");
      expect(dots).toHaveLength(3);
      const r = dots.map((d) => Number(d.getAttribute("r")));
      expect(r[0]).toBeGreaterThan(r[1]);
      expect(r[1]).toBeGreaterThan(r[2]);
      // Axes run to 60% (the largest rate, 51%, rounded up); the diagonal spans them corner to corner.
      const diagonal = within(plot).getByTestId("calibration-diagonal");
      // (0, 0) bottom-left to (60%, 60%) top-right of the square plot area.
      expect(["x1", "y1", "x2", "y2"].map((a) => Number(diagonal.getAttribute(a)))).toEqual([52, 264, 304, 12]);
      expect(within(plot).getByText("60%", { selector: "text[text-anchor=middle]" })).toBeInTheDocument();
      const table = screen.getByRole("table", { name: "Calibration bins of lead conversion v1" });
      expect(within(table).getAllByRole("row").slice(1).map((row) => Array.from(row.children).map((c) => c.textContent))).toEqual([
        ["0%–10%", "500", "4.0%", "4.0%"],
        ["10%–20%", "200", "14%", "15%"],
        ["30%–40%", "100", "35%", "51%"],
      ]);
    });

    it("says so when a version has no calibration bins (trained before they were kept)", async () => {
      mockFetch((url) => (url === "/api/ml/models" ? jsonResponse(allKinds([version({ calibration: null })], [])) : url === "/api/ml/drift" ? jsonResponse({ latest: null, history: [] }) : apiError(404, "not_found", url)));
      renderWithRouter(<ModelsPage />);
      expect(await screen.findByText(/No calibration data for this version/)).toBeInTheDocument();
      expect(screen.queryByRole("img", { name: /^Calibration of/ })).toBeNull();
    });

    it("shows a section per kind with its own metrics; a manager rolls back a deal model through the same activate endpoint", async () => {
      let returns = [returnVersion({ id: R2, version: 2, active: true }), returnVersion({ active: false })];
      const fetchMock = mockFetch((url, init) => {
        if (url === "/api/ml/models") return jsonResponse(allKinds([version({ calibration })], returns));
        if (url === "/api/ml/drift") return jsonResponse({ latest: null, history: [] });
        if (url === `/api/ml/models/${R1}/activate` && init.method === "POST") {
          returns = returns.map((m) => ({ ...m, active: m.id === R1 }));
          return jsonResponse(returns[1]);
        }
        return apiError(404, "not_found", url);
      });
      renderWithRouter(<ModelsPage />);
      await screen.findByRole("table", { name: "Lead conversion versions" });
      expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual(["Lead conversion", "Expected return", "Time to close", "Investor match"]);
      expect(within(screen.getByRole("navigation", { name: "Model kinds" })).getAllByRole("link").map((a) => a.textContent)).toEqual([
        "Lead conversion v1",
        "Expected return v2",
        "Time to close v1",
        "Investor match not trained",
      ]);

      const returnSection = screen.getByRole("region", { name: "Expected return" });
      const returnTable = within(returnSection).getByRole("table", { name: "Expected return versions" });
      expect(within(returnTable).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Version", "Status", "RMSE (pts)", "MAE (pts)", "Baseline RMSE (pts)", "Interval coverage", "Test deals", "Trained", "Actions"]);
      const returnRows = within(returnTable).getAllByRole("row").slice(1);
      expect(returnRows.map((r) => within(r).getAllByRole("cell").slice(0, 7).map((c) => c.textContent))).toEqual([
        ["v2", "Active", "8.1", "6.0", "12.0", "79% of 80%", "120"],
        ["v1", "Inactive", "8.1", "6.0", "12.0", "79% of 80%", "120"],
      ]);
      // Its details: the held-out windows, and the point model's importance; no calibration plot or drift for a regression.
      expect(within(returnSection).getByRole("heading", { name: /Expected return · version 2/ })).toBeInTheDocument();
      expect(within(returnSection).getByRole("table", { name: "Metrics of expected return v2" })).toHaveTextContent(/Held-out test8\.16\.012\.079%21\.0120/);
      expect(within(returnSection).getByRole("img", { name: /Feature importance of expected return v2/ })).toBeInTheDocument();
      expect(within(returnSection).queryByRole("img", { name: /^Calibration of/ })).toBeNull();

      const closeSection = screen.getByRole("region", { name: "Time to close" });
      expect(within(closeSection).getAllByRole("row").find((r) => r.textContent?.startsWith("v1"))).toHaveTextContent("v1Active0.712130 (61 closed)");
      expect(within(closeSection).getByRole("table", { name: "Close-rate calibration of time to close v1" })).toHaveTextContent("30 days21.0%20.0%60 days40.0%43.0%90 days55.0%52.0%");

      const matchSection = screen.getByRole("region", { name: "Investor match" });
      expect(within(matchSection).getByText("The investor-match model isn't trained yet for this org")).toBeInTheDocument();
      expect(matchSection).toHaveTextContent(/until it is, investor matching is rule-based/);
      expect(within(matchSection).queryByRole("table")).toBeNull();

      // Only the lead section has the drift card and the lead plot.
      expect(within(screen.getByRole("region", { name: "Lead conversion" })).getByRole("img", { name: /^Calibration of lead conversion v1/ })).toBeInTheDocument();
      expect(screen.getAllByRole("heading", { name: "Drift per feature" })).toHaveLength(1);

      fireEvent.click(within(returnRows[1]).getByRole("button", { name: "Roll back to v1" }));
      await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => u === `/api/ml/models/${R1}/activate` && i?.method === "POST")).toBe(true));
      const v2Row = await within(returnTable).findByRole("row", { name: /v2 Inactive/ });
      expect(within(v2Row).getByRole("button", { name: "Activate v2" })).toBeInTheDocument();
      expect(within(returnSection).getByRole("heading", { name: /Expected return · version 1/ })).toBeInTheDocument();
      // The lead model is untouched.
      expect(within(screen.getByRole("table", { name: "Lead conversion versions" })).getByRole("row", { name: /v1 Active/ })).toBeInTheDocument();
    });
  });
});
