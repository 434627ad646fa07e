import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import type { LeadForm } from "@/domain/leadForms";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { LeadFormsPage } from "./LeadFormsPage";

const formId = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const newId = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";

function leadForm(overrides: Partial<LeadForm> = {}): LeadForm {
  const slug = overrides.slug ?? "sell-fast";
  return {
    id: formId,
    name: "Sell your house",
    slug,
    headline: "Get a cash offer in 24 hours",
    enabled: true,
    publicPath: `/f/${slug}`,
    createdAt: "2026-03-04T15:00:00.000Z",
    ...overrides,
  };
}

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

function renderPage() {
  return render(
    <>
      <LeadFormsPage />
      <Toaster />
    </>,
  );
}

function openAddDialog() {
  fireEvent.click(screen.getByRole("button", { name: "Add form" }));
  const dialog = screen.getByRole("dialog", { name: "Add form" });
  const type = (label: string, value: string) => fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
  const create = () => fireEvent.click(within(dialog).getByRole("button", { name: "Create form" }));
  return { dialog, type, create };
}

const calls = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`);

describe("LeadFormsPage", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it("lists the forms with their public URL and an enabled switch that saves", async () => {
    signInAs("admin");
    const fetchMock = mockFetch((_url, init) =>
      init.method === "PATCH" ? jsonResponse(leadForm({ enabled: false })) : jsonResponse({ items: [leadForm()] }),
    );
    renderPage();

    const table = await screen.findByRole("table", { name: "Lead forms" });
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Form", "Public URL", "Enabled", "Actions"]);
    const row = within(table).getByRole("row", { name: /Sell your house/ });
    const url = `${window.location.origin}/f/sell-fast`;
    expect(within(row).getByRole("link", { name: url })).toHaveAttribute("href", url);
    expect(within(row).getByRole("button", { name: "Copy public URL for Sell your house" })).toBeInTheDocument();
    expect(calls(fetchMock)).toEqual(["GET /api/lead-forms"]);

    const toggle = within(row).getByRole("switch", { name: "Sell your house enabled" });
    expect(toggle).toHaveAttribute("aria-checked", "true");
    fireEvent.click(toggle);

    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "false"));
    expect(calls(fetchMock)[1]).toBe(`PATCH /api/lead-forms/${formId}`);
    expect(bodyOf(fetchMock, 1)).toEqual({ enabled: false });
    expect(await screen.findByText("Form switched off")).toBeInTheDocument();
  });

  it("creates a form with an address made from its name, then shows its embed code", async () => {
    signInAs("owner");
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const created = leadForm({ id: newId, name: "Spring Sellers — Austin", slug: "spring-sellers-austin", headline: "A fair offer in 24 hours" });
    const fetchMock = mockFetch((_url, init) => (init.method === "POST" ? jsonResponse(created, 201) : jsonResponse({ items: [] })));
    renderPage();
    expect(await screen.findByText("No lead forms yet")).toBeInTheDocument();

    const { dialog, type, create } = openAddDialog();
    for (const label of ["Name", "Form address", "Headline"]) expect(within(dialog).getByLabelText(label)).toBeInTheDocument();
    type("Name", "Spring Sellers — Austin");
    expect(within(dialog).getByLabelText("Form address")).toHaveValue("spring-sellers-austin");
    expect(within(dialog).getByText(new RegExp(`${window.location.origin}/f/spring-sellers-austin`))).toBeInTheDocument();
    type("Headline", "  A fair offer in 24 hours ");
    create();

    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Add form" })).not.toBeInTheDocument());
    expect(calls(fetchMock)[1]).toBe("POST /api/lead-forms");
    expect(bodyOf(fetchMock, 1)).toEqual({ name: "Spring Sellers — Austin", slug: "spring-sellers-austin", headline: "A fair offer in 24 hours" });
    expect(await screen.findByText("Form created")).toBeInTheDocument();

    const row = within(screen.getByRole("table", { name: "Lead forms" })).getByRole("row", { name: /Spring Sellers — Austin/ });
    fireEvent.click(within(row).getByRole("button", { name: "Embed code for Spring Sellers — Austin" }));

    const embed = screen.getByRole("dialog", { name: "Embed code" });
    const snippet = `<script src="${window.location.origin}/embed.js" data-form="spring-sellers-austin" async></script>`;
    expect(within(embed).getByText(snippet)).toBeInTheDocument();
    expect(within(embed).getByLabelText("Public link")).toHaveValue(`${window.location.origin}/f/spring-sellers-austin`);

    fireEvent.click(within(embed).getByRole("button", { name: "Copy embed code" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(snippet));
  });

  it("keeps an address someone typed, leaves out an empty headline, and checks the address rule", async () => {
    signInAs("owner");
    const fetchMock = mockFetch((_url, init) =>
      init.method === "POST" ? jsonResponse(leadForm({ id: newId, slug: "cash-now", headline: null }), 201) : jsonResponse({ items: [] }),
    );
    renderPage();
    await screen.findByText("No lead forms yet");

    const { dialog, type, create } = openAddDialog();
    type("Form address", "-Bad slug");
    type("Name", "Cash offers");
    expect(within(dialog).getByLabelText("Form address")).toHaveValue("-Bad slug");
    create();

    expect(await within(dialog).findByText("must be 3–63 lowercase letters, digits or dashes")).toBeInTheDocument();
    expect(calls(fetchMock)).toEqual(["GET /api/lead-forms"]);

    type("Form address", "Cash-Now");
    create();
    await waitFor(() => expect(calls(fetchMock)).toHaveLength(2));
    expect(bodyOf(fetchMock, 1)).toEqual({ name: "Cash offers", slug: "cash-now" });
  });

  it("puts a taken address (409) under Form address", async () => {
    signInAs("owner");
    mockFetch((_url, init) =>
      init.method === "POST" ? apiError(409, "slug_taken", "That form address is taken", { slug: "is already taken" }) : jsonResponse({ items: [] }),
    );
    renderPage();
    await screen.findByText("No lead forms yet");

    const { dialog, type, create } = openAddDialog();
    type("Name", "Sell fast");
    create();

    expect(await within(dialog).findByText("is already taken")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Form address")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("dialog", { name: "Add form" })).toBeInTheDocument();
  });

  it("lets agents see the forms and their embed code, but not change them", async () => {
    signInAs("agent");
    mockFetch(() => jsonResponse({ items: [leadForm()] }));
    renderPage();

    const table = await screen.findByRole("table", { name: "Lead forms" });
    expect(screen.queryByRole("button", { name: "Add form" })).not.toBeInTheDocument();
    expect(within(table).getByRole("switch", { name: "Sell your house enabled" })).toBeDisabled();
    fireEvent.click(within(table).getByRole("button", { name: "Embed code for Sell your house" }));
    expect(screen.getByRole("dialog", { name: "Embed code" })).toBeInTheDocument();
  });

  it("tells investors the forms aren't for them, without asking the API", async () => {
    signInAs("investor");
    const fetchMock = mockFetch(() => jsonResponse({ items: [] }));
    renderPage();

    expect(await screen.findByText("Lead forms aren't shared with your role")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("is under Settings in the sidebar for owners and admins", async () => {
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
    mockFetch((url) => {
      if (url === "/api/me") return jsonResponse({ user, memberships: [{ orgId, orgName: "Acme Realty", role: "admin" }] });
      if (url === "/api/lead-forms") return jsonResponse({ items: [leadForm()] });
      return jsonResponse({ items: [], nextCursor: null });
    });
    const router = createAppRouter({ history: createMemoryHistory({ initialEntries: ["/leads"] }) });
    render(<App router={router} />);

    const nav = await screen.findByRole("navigation", { name: "Main" });
    fireEvent.click(within(within(nav).getByRole("list", { name: "Settings" })).getByRole("link", { name: "Lead forms" }));

    expect(await screen.findByRole("heading", { name: "Lead forms" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/settings/lead-forms");
    expect(await screen.findByRole("row", { name: /Sell your house/ })).toBeInTheDocument();
  });
});
