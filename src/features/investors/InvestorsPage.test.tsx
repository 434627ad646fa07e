import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { investor } from "./testFixtures";

type Route = (url: string, init: RequestInit) => Response | undefined;

function renderInvestors(path: string, route: Route = () => undefined) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  const fetchMock = mockFetch((url, init) => {
    const routed = route(url, init);
    if (routed) return routed;
    if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "agent" }] });
    if (url.startsWith("/api/investors?")) return jsonResponse({ items: [investor()], nextCursor: null });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  const listCalls = () => fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith("/api/investors?"));
  const posts = () => fetchMock.mock.calls.filter(([u, i]) => String(u) === "/api/investors" && i?.method === "POST").map(([, i]) => JSON.parse(String(i?.body)));
  return { router, fetchMock, listCalls, posts };
}

const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

describe("InvestorsPage", () => {
  beforeEach(() => useMeStore.getState().reset());

  it("reads the filters from the URL, dropping bad ones, and asks the API for them", async () => {
    const { listCalls } = renderInvestors("/investors?accreditationStatus=accredited&state=tx&minCapital=abc&propertyType=castle");
    const table = await screen.findByRole("table", { name: "Investors" });
    expect(within(table).getByRole("link", { name: "Iris Investor" })).toHaveAttribute("href", `/investors/${investor().id}`);
    expect(query(listCalls()[0])).toEqual({ accreditationStatus: "accredited", state: "TX", limit: "50" });
    expect(screen.getByLabelText("Accreditation")).toHaveValue("accredited");
    expect(screen.getByLabelText("State")).toHaveValue("TX");
  });

  it("puts each filter in the URL and the request", async () => {
    const { router, listCalls } = renderInvestors("/investors");
    await screen.findByRole("table", { name: "Investors" });

    fireEvent.change(screen.getByLabelText("Property type"), { target: { value: "multifamily" } });
    await waitFor(() => expect(router.state.location.search).toEqual({ propertyType: "multifamily" }));

    fireEvent.change(screen.getByRole("searchbox", { name: "Search investors" }), { target: { value: "  iris " } });
    fireEvent.change(screen.getByLabelText("Min. capital"), { target: { value: "$250,000" } });
    fireEvent.change(screen.getByLabelText("State"), { target: { value: "t" } });
    expect(await screen.findByText("Two letters, e.g. TX")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("State"), { target: { value: "tx" } });

    await waitFor(() => expect(router.state.location.search).toEqual({ propertyType: "multifamily", q: "iris", minCapital: "250000", state: "TX" }));
    expect(router.state.location.href).toContain("minCapital=250000");
    await waitFor(() => expect(query(listCalls().at(-1)!)).toEqual({ q: "iris", propertyType: "multifamily", state: "TX", minCapital: "250000", limit: "50" }));

    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    expect(screen.getByRole("searchbox", { name: "Search investors" })).toHaveValue("");
  });

  it("loads the next page with the cursor", async () => {
    const second = investor({ id: "b2b2b2b2-2222-4222-8222-222222222222", firstName: "Noah", lastName: "Next" });
    const { listCalls } = renderInvestors("/investors", (url) =>
      url.startsWith("/api/investors?") ? jsonResponse(url.includes("cursor=") ? { items: [second], nextCursor: null } : { items: [investor()], nextCursor: "c-1" }) : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("link", { name: "Noah Next" })).toBeInTheDocument();
    expect(query(listCalls()[1])).toEqual({ limit: "50", cursor: "c-1" });
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(screen.getByText("2 investors")).toBeInTheDocument();
  });

  it("validates a new investor with the API's rules and sends percentages as fractions", async () => {
    const created = investor({ id: "c9c9c9c9-9999-4999-8999-999999999999", firstName: "Nina", lastName: "New" });
    const { posts } = renderInvestors("/investors", (url, init) => (url === "/api/investors" && init.method === "POST" ? jsonResponse(created, 201) : undefined));
    fireEvent.click(await screen.findByRole("button", { name: "Add investor" }));
    const form = await screen.findByRole("form", { name: "Add investor" });
    const field = (label: string) => within(form).getByLabelText(label);

    fireEvent.change(field("Email"), { target: { value: "not-an-email" } });
    fireEvent.change(field("Target return (%)"), { target: { value: "150" } });
    fireEvent.change(field("Minimum investment"), { target: { value: "300000" } });
    fireEvent.change(field("Maximum investment"), { target: { value: "100,000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save investor" }));
    expect(await within(form).findByText("is required")).toBeInTheDocument();
    expect(within(form).getByText("must be a valid email address")).toBeInTheDocument();
    expect(within(form).getByText("must be 0–100%")).toBeInTheDocument();
    expect(posts()).toEqual([]);

    // A chip that isn't a state is refused where it is typed.
    fireEvent.change(field("States"), { target: { value: "Texas" } });
    fireEvent.keyDown(field("States"), { key: "Enter" });
    expect(within(form).getByText(`"Texas" isn't a two-letter state code`)).toBeInTheDocument();

    fireEvent.change(field("First name"), { target: { value: "Nina" } });
    fireEvent.change(field("Last name"), { target: { value: "New" } });
    fireEvent.change(field("Email"), { target: { value: "Nina@Example.com" } });
    fireEvent.change(field("Target return (%)"), { target: { value: "12.5" } });
    fireEvent.change(field("Minimum investment"), { target: { value: "$50,000" } });
    fireEvent.change(field("Maximum investment"), { target: { value: "250000" } });
    fireEvent.change(field("Capital available"), { target: { value: "400000" } });
    fireEvent.change(field("Accreditation"), { target: { value: "accredited" } });
    fireEvent.click(within(form).getByRole("checkbox", { name: "Multifamily" }));
    fireEvent.click(within(form).getByRole("checkbox", { name: "Single-family" }));
    fireEvent.change(field("States"), { target: { value: "tx, ok" } });
    fireEvent.keyDown(field("States"), { key: "Enter" });
    fireEvent.change(field("Cities"), { target: { value: "Austin, TX" } });
    fireEvent.keyDown(field("Cities"), { key: "Enter" });
    fireEvent.change(field("ZIP codes"), { target: { value: "78704" } });
    fireEvent.blur(field("ZIP codes"));
    expect(within(form).getByRole("list", { name: "Selected states" })).toHaveTextContent("TXOK");
    fireEvent.click(within(form).getByRole("button", { name: "Remove OK" }));
    fireEvent.change(field("Risk tolerance"), { target: { value: "6" } });
    fireEvent.change(field("Hold period (months)"), { target: { value: "60" } });
    fireEvent.change(field("Leverage"), { target: { value: "moderate" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save investor" }));

    await waitFor(() =>
      expect(posts()).toEqual([
        {
          firstName: "Nina",
          lastName: "New",
          email: "nina@example.com",
          accreditationStatus: "accredited",
          minInvestment: 50000,
          maxInvestment: 250000,
          capitalAvailable: 400000,
          propertyTypes: ["single_family", "multifamily"],
          states: ["TX"],
          cities: ["Austin, TX"],
          zips: ["78704"],
          targetReturn: 0.125,
          riskTolerance: 6,
          holdPeriodMonths: 60,
          leveragePreference: "moderate",
        },
      ]),
    );
    expect(await screen.findByText("Investor added")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Add investor" })).toBeNull();
    expect(await screen.findByRole("link", { name: "Nina New" })).toBeInTheDocument();
  });

  it("puts a field the server rejects under that field", async () => {
    renderInvestors("/investors", (url, init) =>
      url === "/api/investors" && init.method === "POST" ? apiError(400, "validation_failed", "Invalid investor", { email: "is already an investor" }) : undefined,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Add investor" }));
    const form = await screen.findByRole("form", { name: "Add investor" });
    fireEvent.change(within(form).getByLabelText("First name"), { target: { value: "Dup" } });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "dup@example.com" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save investor" }));
    expect(await within(form).findByText("is already an investor")).toBeInTheDocument();
  });
});
