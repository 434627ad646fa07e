import { createMemoryHistory } from "@tanstack/react-router";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import { consentText, type PublicLeadForm } from "@/domain/leadForms";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, headerOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";

const publicForm: PublicLeadForm = {
  slug: "sell-fast",
  name: "Sell your house",
  headline: "Get a cash offer in 24 hours",
  orgName: "Acme Realty",
  consentText: consentText("Acme Realty"),
};

const SHOWN_AT = 1_767_000_000_000;

function renderForm(path = "/f/sell-fast", submit: (body: unknown) => Response = () => jsonResponse({ ok: true, message: "Thanks! We'll be in touch shortly." }, 201)) {
  const fetchMock = mockFetch((url, init) => {
    if (url === "/api/public/forms/sell-fast" && !init.method) return jsonResponse(publicForm);
    if (url === "/api/public/forms/sell-fast/leads" && init.method === "POST") return submit(JSON.parse(String(init.body)));
    return apiError(404, "not_found", "Form not found");
  });
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  render(<App router={router} />);
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  const send = () => fireEvent.click(screen.getByRole("button", { name: "Get my offer" }));
  return { fetchMock, router, type, send };
}

const posts = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.filter(([, init]) => init?.method === "POST");

describe("PublicFormPage", () => {
  beforeEach(() => {
    useSession.getState().clear();
    useMeStore.getState().reset();
  });

  it("shows the headline, the org and the labelled fields, outside the signed-in app", async () => {
    renderForm();

    expect(await screen.findByRole("heading", { level: 1, name: "Get a cash offer in 24 hours" })).toBeInTheDocument();
    expect(screen.getAllByText("Acme Realty").length).toBeGreaterThan(0);
    for (const label of ["First name", "Last name", "Email", "Phone", "Property address", "City", "State", "ZIP", "Anything else we should know?"]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    const consent = screen.getByRole("checkbox", { name: publicForm.consentText });
    expect(consent).not.toBeChecked();
    expect(screen.getByRole("button", { name: "Get my offer" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
  });

  it("keeps the honeypot away from people", async () => {
    renderForm();
    await screen.findByLabelText("First name");

    const honeypot = document.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot).toHaveValue("");
    expect(honeypot).toHaveAttribute("tabindex", "-1");
    expect(honeypot).toHaveAttribute("autocomplete", "off");
    expect(honeypot.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(screen.queryByRole("textbox", { name: "Website" })).not.toBeInTheDocument();
  });

  it("sends the parsed fields, consent, the empty honeypot, when the form was shown and the page's UTM tags", async () => {
    vi.spyOn(Date, "now").mockReturnValue(SHOWN_AT);
    // A signed-in owner previewing their own form must not send their token to the public endpoint.
    useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
    const { fetchMock, type, send } = renderForm("/f/sell-fast?utm_source=google&utm_medium=cpc&utm_campaign=spring-sellers&gclid=abc&utm_term=");
    await screen.findByLabelText("First name");

    type("First name", " Rita ");
    type("Last name", "Moreno");
    type("Email", "Rita@Example.com");
    type("Phone", "(512) 555-0142");
    type("Property address", "77 Elm Street");
    type("City", "Austin");
    type("State", "tx");
    type("ZIP", "78701");
    type("Anything else we should know?", "Roof needs work");
    fireEvent.click(screen.getByRole("checkbox", { name: publicForm.consentText }));
    send();

    expect(await screen.findByRole("heading", { name: "Thanks! We'll be in touch shortly." })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Get my offer" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("First name")).not.toBeInTheDocument();

    const [[url, init]] = posts(fetchMock);
    expect(url).toBe("/api/public/forms/sell-fast/leads");
    const body = JSON.parse(String(init?.body));
    expect(body).toEqual({
      firstName: "Rita",
      lastName: "Moreno",
      email: "rita@example.com",
      phone: "+15125550142",
      address: { street: expect.stringMatching(/^77 Elm St/), city: "Austin", state: "TX", zip: "78701" },
      notes: "Roof needs work",
      consent: true,
      website: "",
      startedAt: SHOWN_AT,
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring-sellers",
    });
    const call = fetchMock.mock.calls.indexOf(posts(fetchMock)[0]);
    expect(headerOf(fetchMock, call, "Authorization")).toBeNull();
    expect(headerOf(fetchMock, call, "X-Org-Id")).toBeNull();
    expect(headerOf(fetchMock, call, "Content-Type")).toBe("application/json");
  });

  it("sends consent: false when the box is left unticked, and only what was filled in", async () => {
    const { fetchMock, type, send } = renderForm();
    await screen.findByLabelText("First name");

    type("Phone", "512-555-0142");
    send();

    await screen.findByRole("heading", { name: "Thanks! We'll be in touch shortly." });
    expect(bodyOf(fetchMock, fetchMock.mock.calls.indexOf(posts(fetchMock)[0]))).toEqual({
      phone: "+15125550142",
      consent: false,
      website: "",
      startedAt: expect.any(Number),
    });
  });

  it("passes on whatever a bot put in the honeypot, so the server can drop the post", async () => {
    const { fetchMock, type, send } = renderForm();
    await screen.findByLabelText("First name");

    type("Email", "bot@example.com");
    fireEvent.change(document.querySelector('input[name="website"]')!, { target: { value: "https://spam.example" } });
    send();

    await screen.findByRole("heading", { name: "Thanks! We'll be in touch shortly." });
    expect(bodyOf(fetchMock, fetchMock.mock.calls.indexOf(posts(fetchMock)[0]))).toMatchObject({ website: "https://spam.example" });
  });

  it("asks for a name, an email or a phone, and checks fields before sending", async () => {
    const { fetchMock, type, send } = renderForm();
    await screen.findByLabelText("First name");

    send();
    expect(await screen.findByText("Enter your name, email or phone")).toBeInTheDocument();

    type("First name", "Rita");
    type("Email", "not-an-email");
    type("ZIP", "787");
    send();
    expect(await screen.findByText("must be a valid email address")).toBeInTheDocument();
    expect(screen.getByLabelText("ZIP")).toHaveAccessibleDescription("must be a 5-digit ZIP code");
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it("puts the server's field errors under the fields", async () => {
    const { type, send } = renderForm("/f/sell-fast", () =>
      apiError(400, "validation_failed", "Check the highlighted fields", { phone: "is not a valid phone number", "address.zip": "is not a deliverable ZIP code" }),
    );
    await screen.findByLabelText("First name");

    type("Phone", "512-555-0142");
    type("ZIP", "00000");
    send();

    expect(await screen.findByText("is not a valid phone number")).toBeInTheDocument();
    expect(screen.getByLabelText("ZIP")).toHaveAccessibleDescription("is not a deliverable ZIP code");
    expect(screen.getByLabelText("Phone")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("Thanks! We'll be in touch shortly.")).not.toBeInTheDocument();
  });

  it("explains a too-fast post, and a rate limit in friendly words", async () => {
    let answer = apiError(400, "too_fast", "That was quick! Please check the form and send it again.", { startedAt: "the form was sent too quickly" });
    const { type, send } = renderForm("/f/sell-fast", () => answer);
    await screen.findByLabelText("First name");
    type("First name", "Rita");

    send();
    expect(await screen.findByRole("alert")).toHaveTextContent("That was quick! Please check the form and send it again.");

    answer = new Response(JSON.stringify({ error: { code: "rate_limited", message: "Too many submissions; try again in a minute" } }), {
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": "42" },
    });
    send();
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Too many tries in a short time. Please wait 42 seconds and try again."));
    expect(screen.getByRole("button", { name: "Get my offer" })).toBeInTheDocument();
  });

  it("says so when the form is unknown or switched off", async () => {
    mockFetch(() => apiError(404, "not_found", "Form not found"));
    const router = createAppRouter({ history: createMemoryHistory({ initialEntries: ["/f/nope"] }) });
    render(<App router={router} />);

    expect(await screen.findByRole("heading", { name: "This form isn't available" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Get my offer" })).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/f/nope");
  });

  it("inside an iframe (embed=1), posts its height to the embedding page", async () => {
    const postMessage = vi.fn();
    vi.spyOn(window, "parent", "get").mockReturnValue({ postMessage } as unknown as Window);
    renderForm("/f/sell-fast?embed=1&utm_source=newsletter");

    const form = await screen.findByRole("form", { name: "Sell your house" });
    expect(within(form).getByLabelText("Email")).toBeInTheDocument();
    expect(screen.queryByText("Powered by Hidden Key")).not.toBeInTheDocument();
    expect(postMessage).toHaveBeenCalledWith({ type: "hidden-key:form-height", slug: "sell-fast", height: expect.any(Number) }, "*");
  });
});
