import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { ModelsPage } from "./ModelsPage";
import type { ModelVersion } from "./scoringApi";

const V1 = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const V2 = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

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

const overview = (items: ModelVersion[]) => {
  const active = items.find((m) => m.active);
  return { trained: !!active, activeVersion: active?.version ?? null, message: active ? null : "The lead-conversion model is not trained yet: …", items };
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
    const table = await screen.findByRole("table", { name: "Model versions" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").slice(0, 7).map((c) => c.textContent))).toEqual([
      ["v2", "Inactive", "0.810", "0.419", "0.091", "0.035", "800 (101 deals)"],
      ["v1", "Active", "0.806", "0.419", "0.091", "0.035", "800 (101 deals)"],
    ]);
    // The active version's details show by default: importance as a chart with its data as a table.
    expect(screen.getByRole("heading", { name: /Version 1/ })).toBeInTheDocument();
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
    expect(await screen.findByRole("heading", { name: /Version 2/ })).toBeInTheDocument();
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
    const table = await screen.findByRole("table", { name: "Model versions" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: /Activate|Roll back/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Train now" })).toBeNull();
  });
});
