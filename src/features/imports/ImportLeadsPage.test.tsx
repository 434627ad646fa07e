import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportPreviewRow, LeadImport, UploadedImport } from "@/domain/imports";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, headerOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { renderWithRouter } from "@/test/renderWithRouter";
import { Toaster } from "@/ui/Toaster";
import { useToastStore } from "@/ui/toastStore";
import { ImportLeadsPage } from "./ImportLeadsPage";

const importId = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const headers = ["First", "Last", "E-mail", "Alt email", "Phone number", "Zip"];

function leadImport(overrides: Partial<LeadImport> = {}): LeadImport {
  return {
    id: importId,
    filename: "leads.csv",
    status: "uploaded",
    headers,
    mapping: {},
    totalRows: 2000,
    processedRows: 0,
    createdCount: 0,
    mergedCount: 0,
    rejectedCount: 0,
    error: null,
    createdAt: "2026-03-04T15:00:00.000Z",
    finishedAt: null,
    ...overrides,
  };
}

const guessedMapping = { firstName: "First", lastName: "Last", email: "E-mail", phone: "Phone number", zip: "Zip" };

function uploaded(): UploadedImport {
  return {
    ...leadImport({ mapping: guessedMapping }),
    guessedMapping,
    sample: [
      { First: "Ada", Last: "Lovelace", "E-mail": "ada@example.com", "Alt email": "not-an-email", "Phone number": "512-555-0100", Zip: "78701" },
      { First: "Alan", Last: "Turing", "E-mail": "alan@example.com", "Alt email": "alan@alt.example", "Phone number": "", Zip: "78702" },
    ],
  };
}

const okRow = (rowNumber: number): ImportPreviewRow => ({
  rowNumber,
  ok: true,
  lead: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "+15125550100", source: "CSV: leads.csv", tags: [] },
  errors: null,
});

function signInAs(role: OrgRole) {
  useSession.getState().setSession({ accessToken: "access", refreshToken: "refresh", user, activeOrgId: orgId });
  useMeStore.setState({ status: "ready", error: null, me: { user, memberships: [{ orgId, orgName: "Acme Realty", role }] } });
}

function renderPage() {
  return renderWithRouter(
    <>
      <ImportLeadsPage previewDelayMs={0} pollIntervalMs={5} />
      <Toaster />
    </>,
    { path: "/leads" },
  );
}

const csvFile = () => new File(["First,Last,E-mail\nAda,Lovelace,ada@example.com\n"], "leads.csv", { type: "text/csv" });

async function chooseFile(file = csvFile()) {
  fireEvent.change(await screen.findByLabelText("CSV file"), { target: { files: [file] } });
}

const calls = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`);

/** A server whose GET /api/imports/:id answers whatever `state.job` is at the time. */
function fakeServer(state: { job: LeadImport; preview?: (mapping: Record<string, string>) => Response }) {
  return mockFetch((url, init) => {
    if (url.startsWith("/api/imports?")) return jsonResponse(uploaded(), 201);
    if (url.endsWith("/preview")) {
      const { mapping } = JSON.parse(String(init.body)) as { mapping: Record<string, string> };
      return state.preview?.(mapping) ?? jsonResponse({ rows: [okRow(2), okRow(3)] });
    }
    if (url.endsWith("/start")) return jsonResponse(state.job, 202);
    if (url.endsWith("/rejected")) return new Response("First,row,reason\nBad,4,email: must be a valid email address\n", { headers: { "Content-Type": "text/csv" } });
    return jsonResponse(state.job);
  });
}

describe("ImportLeadsPage", () => {
  beforeEach(() => {
    useMeStore.getState().reset();
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
  });

  it("is not for investors", async () => {
    signInAs("investor");
    const fetchMock = mockFetch(() => jsonResponse({}));
    renderPage();
    expect(await screen.findByText("Importing isn't available to your role")).toBeInTheDocument();
    expect(screen.queryByLabelText("CSV file")).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("uploads the file as text/csv and prefills the columns from the guessed mapping", async () => {
    signInAs("agent");
    const fetchMock = fakeServer({ job: leadImport() });
    renderPage();

    screen.debug(document.querySelector("ol")!);
    await chooseFile();

    expect(await screen.findByRole("heading", { name: "Match columns" })).toBeInTheDocument();
    expect(calls(fetchMock)[0]).toBe("POST /api/imports?filename=leads.csv");
    expect(headerOf(fetchMock, 0, "Content-Type")).toBe("text/csv");
    expect(headerOf(fetchMock, 0, "Authorization")).toBe("Bearer access");
    expect(fetchMock.mock.calls[0][1]?.body).toBeInstanceOf(File);

    expect(screen.getByLabelText("First name")).toHaveValue("First");
    expect(screen.getByLabelText("Last name")).toHaveValue("Last");
    expect(screen.getByLabelText("Email")).toHaveValue("E-mail");
    expect(screen.getByLabelText("Phone")).toHaveValue("Phone number");
    expect(screen.getByLabelText("ZIP")).toHaveValue("Zip");
    expect(screen.getByLabelText("Full address (one line)")).toHaveValue("");
    expect(within(screen.getByLabelText("Full name")).getByRole("option", { name: "— not imported —" })).toBeInTheDocument();
    expect(screen.getByText("Not imported: Alt email")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Sample rows" })).toHaveTextContent("ada@example.com");
    expect(screen.getByText("Match columns", { selector: "li[aria-current=step] *" })).toBeInTheDocument();

    await waitFor(() => expect(calls(fetchMock)).toContain(`POST /api/imports/${importId}/preview`));
    expect(bodyOf(fetchMock, 1)).toEqual({ mapping: guessedMapping });
  });

  it("shows the server's reason when the file is refused", async () => {
    signInAs("owner");
    mockFetch(() => apiError(400, "validation_failed", "Check the highlighted fields", { file: "has no rows below its header" }));
    renderPage();

    await chooseFile();

    expect(await screen.findByText("The file has no rows below its header.")).toBeInTheDocument();
    expect(screen.getByLabelText("CSV file")).toHaveAttribute("aria-invalid", "true");
  });

  it("previews again when a column changes and shows the rows' errors", async () => {
    signInAs("agent");
    const fetchMock = fakeServer({
      job: leadImport(),
      preview: (mapping) =>
        mapping.email === "Alt email"
          ? jsonResponse({ rows: [{ rowNumber: 2, ok: false, lead: null, errors: { email: "must be a valid email address" } }, okRow(3)] })
          : jsonResponse({ rows: [okRow(2), okRow(3)] }),
    });
    renderPage();
    await chooseFile();
    await screen.findByRole("heading", { name: "Match columns" });
    await waitFor(() => expect(calls(fetchMock).filter((c) => c.endsWith("/preview"))).toHaveLength(1));

    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "Alt email" } });
    expect(screen.getByLabelText("Email")).toHaveValue("Alt email");
    await waitFor(() => expect(calls(fetchMock).filter((c) => c.endsWith("/preview"))).toHaveLength(2));
    expect(bodyOf(fetchMock, 2)).toEqual({ mapping: { ...guessedMapping, email: "Alt email" } });

    fireEvent.click(screen.getByRole("button", { name: "Next: preview" }));
    const table = await screen.findByRole("table", { name: "Preview rows" });
    expect(await screen.findByText("1 of 2 rows ready")).toBeInTheDocument();
    const bad = within(table).getByText("Email: must be a valid email address");
    expect(bad.closest("ul")).toHaveClass("text-red-600");
    expect(within(table).getAllByLabelText("Ready")).toHaveLength(1);

    // Back to the columns, which come back as they were left.
    fireEvent.click(screen.getByRole("button", { name: "Back to columns" }));
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "E-mail" } });
    fireEvent.click(screen.getByRole("button", { name: "Next: preview" }));
    expect(await screen.findByText("2 of 2 rows ready")).toBeInTheDocument();
  });

  it("puts the server's mapping errors under the column's select", async () => {
    signInAs("agent");
    fakeServer({
      job: leadImport(),
      preview: (mapping) =>
        mapping.phone
          ? jsonResponse({ rows: [okRow(2)] })
          : apiError(400, "validation_failed", "Check the highlighted fields", { "mapping.email": 'the file has no column "Gone"' }),
    });
    renderPage();
    await chooseFile();
    await screen.findByRole("heading", { name: "Match columns" });

    fireEvent.change(screen.getByLabelText("Phone"), { target: { value: "" } });

    expect(await screen.findByText('the file has no column "Gone"')).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Next: preview" })).toBeDisabled();
  });

  it("starts the import, follows its progress and sums it up with the rejected rows to download", async () => {
    signInAs("agent");
    const state = { job: leadImport({ status: "queued", mapping: guessedMapping }) };
    const fetchMock = fakeServer(state);
    const createObjectURL = vi.fn(() => "blob:rejected");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderPage();
    await chooseFile();
    await screen.findByRole("heading", { name: "Match columns" });
    fireEvent.click(screen.getByRole("button", { name: "Next: preview" }));
    await screen.findByText("2 of 2 rows ready");

    fireEvent.click(screen.getByRole("button", { name: "Import 2,000 rows" }));

    const bar = await screen.findByRole("progressbar", { name: "Import progress" });
    expect(calls(fetchMock)).toContain(`POST /api/imports/${importId}/start`);
    expect(bodyOf(fetchMock, calls(fetchMock).indexOf(`POST /api/imports/${importId}/start`))).toEqual({ mapping: guessedMapping });
    expect(bar).toHaveAttribute("aria-valuenow", "0");
    expect(screen.getByText("Importing", { selector: "li[aria-current=step] *" })).toBeInTheDocument();

    state.job = leadImport({ status: "running", processedRows: 500, createdCount: 498, rejectedCount: 2 });
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "25"));
    expect(screen.getByText("500 of 2,000 rows processed")).toBeInTheDocument();

    state.job = leadImport({ status: "running", processedRows: 1500, createdCount: 1495, rejectedCount: 3, mergedCount: 2 });
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "75"));
    expect(screen.getByText("1,500 of 2,000 rows processed")).toBeInTheDocument();

    state.job = leadImport({ status: "done", processedRows: 2000, createdCount: 1990, mergedCount: 7, rejectedCount: 3, finishedAt: "2026-03-04T15:01:00.000Z" });
    expect(await screen.findByText("Created 1,990 · Merged 7 · Rejected 3")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to leads" })).toHaveAttribute("href", "/leads");
    expect(screen.getByText("Done", { selector: "li[aria-current=step] *" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Download rejected rows" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const rejectedCall = calls(fetchMock).lastIndexOf(`GET /api/imports/${importId}/rejected`);
    expect(rejectedCall).toBeGreaterThan(0);
    expect(headerOf(fetchMock, rejectedCall, "Authorization")).toBe("Bearer access");
    expect(headerOf(fetchMock, rejectedCall, "X-Org-Id")).toBe(orgId);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe("leads-rejected.csv");
    expect(link.href).toBe("blob:rejected");
  });

  it("offers no download when nothing was rejected", async () => {
    signInAs("agent");
    const state = { job: leadImport({ status: "queued" }) };
    fakeServer(state);
    renderPage();
    await chooseFile();
    await screen.findByRole("heading", { name: "Match columns" });
    fireEvent.click(screen.getByRole("button", { name: "Next: preview" }));
    await screen.findByText("2 of 2 rows ready");
    state.job = leadImport({ status: "done", processedRows: 2000, createdCount: 1995, mergedCount: 5 });
    fireEvent.click(screen.getByRole("button", { name: "Import 2,000 rows" }));

    expect(await screen.findByText("Created 1,995 · Merged 5 · Rejected 0")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Download rejected rows" })).not.toBeInTheDocument();
  });
});
