import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { LeadSourcesPage } from "./LeadSourcesPage";
import { leadSource, sourceId } from "./testFixtures";

const secret = "whsec_first-secret-0123456789abcdef";
const newId = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

function renderPage() {
  return renderWithRouter(
    <>
      <LeadSourcesPage />
      <Toaster />
    </>,
    { path: "/settings/lead-sources" },
  );
}

function openAddDialog() {
  fireEvent.click(screen.getByRole("button", { name: "Add lead source" }));
  const dialog = screen.getByRole("dialog", { name: "Add lead source" });
  const type = (label: string, value: string, index = 0) =>
    fireEvent.change(within(dialog).getAllByLabelText(label)[index], { target: { value } });
  const create = () => fireEvent.click(within(dialog).getByRole("button", { name: "Create source" }));
  return { dialog, type, create };
}

const calls = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`);

describe("LeadSourcesPage", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it("is for owners and admins only", async () => {
    signInAs("agent");
    const fetchMock = mockFetch(() => jsonResponse({ items: [] }));
    renderPage();

    expect(await screen.findByText("Owners and admins only")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add lead source" })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("lists the sources with type, webhook URL, rate limit and an enabled switch that saves", async () => {
    signInAs("admin");
    const fetchMock = mockFetch((_url, init) =>
      init.method === "PATCH"
        ? jsonResponse(leadSource({ enabled: false }))
        : jsonResponse({ items: [leadSource(), leadSource({ id: newId, name: "Facebook: sellers", type: "facebook", rateLimitPerMinute: 1200 })] }),
    );
    renderPage();

    const table = await screen.findByRole("table", { name: "Lead sources" });
    const headers = within(table).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Source", "Webhook URL", "Rate limit", "Enabled", "Actions"]);
    const row = within(table).getByRole("row", { name: /Website form/ });
    expect(row).toHaveTextContent("Generic JSON");
    expect(row).toHaveTextContent(`${window.location.origin}/api/webhooks/leads/${sourceId}`);
    expect(row).toHaveTextContent("600/min");
    expect(within(table).getByRole("row", { name: /Facebook: sellers/ })).toHaveTextContent("Facebook Lead Ads");
    expect(within(row).getByRole("link", { name: "Deliveries for Website form" })).toHaveAttribute("href", `/settings/lead-sources/${sourceId}`);
    expect(fetchMock.mock.calls[0][0]).toBe("/api/lead-sources");

    const toggle = within(row).getByRole("switch", { name: "Website form enabled" });
    expect(toggle).toHaveAttribute("aria-checked", "true");
    fireEvent.click(toggle);

    await waitFor(() => expect(toggle).toHaveAttribute("aria-checked", "false"));
    expect(calls(fetchMock)[1]).toBe(`PATCH /api/lead-sources/${sourceId}`);
    expect(bodyOf(fetchMock, 1)).toEqual({ enabled: false });
    expect(await screen.findByText("Lead source disabled")).toBeInTheDocument();
  });

  it("creates a source, then shows its signing secret and webhook URL once", async () => {
    signInAs("owner");
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const created = { ...leadSource({ id: newId, name: "Zapier intake", type: "zapier", rateLimitPerMinute: 120 }), secret };
    const fetchMock = mockFetch((_url, init) => (init.method === "POST" ? jsonResponse(created, 201) : jsonResponse({ items: [] })));
    renderPage();
    expect(await screen.findByText("No lead sources yet")).toBeInTheDocument();

    const { dialog, type, create } = openAddDialog();
    for (const label of ["Name", "Type", "Rate limit per minute"]) expect(within(dialog).getByLabelText(label)).toBeInTheDocument();
    type("Name", "  Zapier intake ");
    type("Type", "zapier");
    type("Rate limit per minute", "120");
    create();

    const secretDialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(calls(fetchMock)[1]).toBe("POST /api/lead-sources");
    expect(bodyOf(fetchMock, 1)).toEqual({ name: "Zapier intake", type: "zapier", mapping: {}, rateLimitPerMinute: 120 });
    expect(screen.queryByRole("dialog", { name: "Add lead source" })).not.toBeInTheDocument();

    const url = `${window.location.origin}/api/webhooks/leads/${newId}`;
    expect(within(secretDialog).getByLabelText("Secret")).toHaveValue(secret);
    expect(within(secretDialog).getByLabelText("Webhook URL")).toHaveValue(url);
    expect(within(secretDialog).getByText(/won't be shown again/)).toBeInTheDocument();
    const curl = within(secretDialog).getByText(/openssl dgst -sha256 -hmac/);
    expect(curl).toHaveTextContent(`curl -sS -X POST '${url}'`);
    expect(curl).toHaveTextContent("X-Hidden-Key-Signature: t=$TS,v1=$SIG");
    const node = within(secretDialog).getByText(/createHmac\("sha256", secret\)/);
    expect(node).toHaveTextContent(`const url = "${url}";`);
    expect(node).toHaveTextContent(secret);

    fireEvent.click(within(secretDialog).getByRole("button", { name: "Copy secret" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(secret));

    fireEvent.click(within(secretDialog).getByRole("button", { name: "I've saved the secret" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Signing secret" })).not.toBeInTheDocument());

    // The new source is listed, and the secret is gone for good.
    const table = screen.getByRole("table", { name: "Lead sources" });
    expect(within(table).getByRole("row", { name: /Zapier intake/ })).toHaveTextContent("120/min");
    expect(screen.queryByDisplayValue(secret)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(secret);
  });

  it("validates custom mapping rows with the API's path rule, then sends them as a mapping", async () => {
    signInAs("owner");
    const fetchMock = mockFetch((_url, init) =>
      init.method === "POST" ? jsonResponse({ ...leadSource({ id: newId, type: "custom" }), secret }, 201) : jsonResponse({ items: [] }),
    );
    renderPage();
    await screen.findByText("No lead sources yet");

    const { dialog, type, create } = openAddDialog();
    type("Name", "Typeform");
    expect(within(dialog).queryByLabelText("Payload path")).not.toBeInTheDocument();
    type("Type", "custom");
    fireEvent.click(within(dialog).getByRole("button", { name: "Add mapping row" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Add mapping row" }));
    type("Lead field", "email", 0);
    type("Payload path", "contact email", 0);
    type("Lead field", "phone", 1);
    type("Payload path", "answers.phone.0", 1);
    create();

    expect(await within(dialog).findByText("must be a path like contact.email")).toBeInTheDocument();
    expect(within(dialog).getAllByLabelText("Payload path")[0]).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getAllByLabelText("Payload path")[1]).not.toHaveAttribute("aria-invalid");
    expect(calls(fetchMock)).toEqual(["GET /api/lead-sources"]);

    type("Payload path", "contact.email", 0);
    create();

    await screen.findByRole("dialog", { name: "Signing secret" });
    expect(bodyOf(fetchMock, 1)).toEqual({
      name: "Typeform",
      type: "custom",
      mapping: { email: "contact.email", phone: "answers.phone.0" },
      rateLimitPerMinute: 600,
    });
  });

  it("rejects the same lead field twice and a rate limit out of range", async () => {
    signInAs("owner");
    const fetchMock = mockFetch(() => jsonResponse({ items: [] }));
    renderPage();
    await screen.findByText("No lead sources yet");

    const { dialog, type, create } = openAddDialog();
    type("Name", "Typeform");
    type("Type", "custom");
    fireEvent.click(within(dialog).getByRole("button", { name: "Add mapping row" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Add mapping row" }));
    type("Lead field", "email", 0);
    type("Payload path", "a.email", 0);
    type("Lead field", "email", 1);
    type("Payload path", "b.email", 1);
    type("Rate limit per minute", "0");
    create();

    expect(await within(dialog).findByText("Email is already mapped")).toBeInTheDocument();
    expect(within(dialog).getByText("must be at least 1")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("puts the server's field errors under the fields", async () => {
    signInAs("owner");
    mockFetch((_url, init) =>
      init.method === "POST" ? apiError(400, "validation_failed", "Check the highlighted fields", { name: "is already used" }) : jsonResponse({ items: [] }),
    );
    renderPage();
    await screen.findByText("No lead sources yet");

    const { dialog, type, create } = openAddDialog();
    type("Name", "Website form");
    create();

    expect(await within(dialog).findByText("is already used")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Signing secret" })).not.toBeInTheDocument();
  });

  it("edits a source's name, type, mapping and rate limit", async () => {
    signInAs("owner");
    const custom = leadSource({ type: "custom", mapping: { email: "contact.email" } });
    const fetchMock = mockFetch((_url, init) =>
      init.method === "PATCH" ? jsonResponse({ ...custom, name: "Web form v2", rateLimitPerMinute: 60 }) : jsonResponse({ items: [custom] }),
    );
    renderPage();

    fireEvent.click(await screen.findByRole("button", { name: "Edit Website form" }));
    const dialog = screen.getByRole("dialog", { name: "Edit lead source" });
    expect(within(dialog).getByLabelText("Type")).toHaveValue("custom");
    expect(within(dialog).getByLabelText("Lead field")).toHaveValue("email");
    expect(within(dialog).getByLabelText("Payload path")).toHaveValue("contact.email");
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Web form v2" } });
    fireEvent.change(within(dialog).getByLabelText("Rate limit per minute"), { target: { value: "60" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("row", { name: /Web form v2/ })).toHaveTextContent("60/min");
    expect(calls(fetchMock)[1]).toBe(`PATCH /api/lead-sources/${sourceId}`);
    expect(bodyOf(fetchMock, 1)).toEqual({ name: "Web form v2", type: "custom", mapping: { email: "contact.email" }, rateLimitPerMinute: 60 });
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Edit lead source" })).not.toBeInTheDocument());
  });

  it("rotates the secret after confirming and shows the new one", async () => {
    signInAs("admin");
    const rotated = "whsec_rotated-secret-fedcba9876543210";
    const fetchMock = mockFetch((_url, init) =>
      init.method === "POST" ? jsonResponse({ ...leadSource(), secret: rotated }) : jsonResponse({ items: [leadSource()] }),
    );
    renderPage();

    fireEvent.click(await screen.findByRole("button", { name: "Rotate secret for Website form" }));
    const confirm = screen.getByRole("dialog", { name: "Rotate secret" });
    expect(confirm).toHaveTextContent("stops working immediately");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    fireEvent.click(within(confirm).getByRole("button", { name: "Rotate secret" }));

    const secretDialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(calls(fetchMock)[1]).toBe(`POST /api/lead-sources/${sourceId}/rotate-secret`);
    expect(within(secretDialog).getByLabelText("Secret")).toHaveValue(rotated);
    expect(within(secretDialog).getByLabelText("Webhook URL")).toHaveValue(`${window.location.origin}/api/webhooks/leads/${sourceId}`);
    expect(secretDialog).toHaveTextContent("The old one no longer works");
    expect(screen.queryByRole("dialog", { name: "Rotate secret" })).not.toBeInTheDocument();
  });

  it("toasts when rotation fails and shows no secret", async () => {
    signInAs("admin");
    mockFetch((_url, init) => (init.method === "POST" ? apiError(404, "not_found", "Lead source not found") : jsonResponse({ items: [leadSource()] })));
    renderPage();

    fireEvent.click(await screen.findByRole("button", { name: "Rotate secret for Website form" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "Rotate secret" })).getByRole("button", { name: "Rotate secret" }));

    expect(await screen.findByText("Couldn't rotate the secret")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Signing secret" })).not.toBeInTheDocument();
  });
});
