import type { Lead, Page as LeadsPage } from "../../src/domain/leads";
import { apiGet, assert, DEMO_USERS, defineTest, leadRows, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// (d) The dialog refuses a bad ZIP before anything reaches the server.
export default defineTest("the add-lead dialog rejects a bad ZIP and creates nothing", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);

  let posts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.startsWith("/api/leads")) posts++;
  });

  const lastName = `Badzip${uniqueSuffix()}`;
  await page.getByRole("button", { name: "Add lead", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add lead", exact: true });
  await dialog.waitFor();
  await dialog.getByLabel("First name", { exact: true }).fill("Zed");
  await dialog.getByLabel("Last name", { exact: true }).fill(lastName);
  await dialog.getByLabel("ZIP", { exact: true }).fill("12");
  await dialog.getByRole("button", { name: "Save lead", exact: true }).click();

  await dialog.getByText("must be a 5-digit ZIP code", { exact: true }).waitFor();
  await t.screenshot("add-lead-dialog-invalid-zip");
  const zip = dialog.getByLabel("ZIP", { exact: true });
  assert((await zip.getAttribute("aria-invalid")) === "true", "the ZIP field should be marked aria-invalid");
  assert(await dialog.isVisible(), "the dialog should stay open");

  // Give a stray request a moment to show up, then check nothing was sent or stored.
  await page.waitForTimeout(500);
  assert(posts === 0, `expected no POST /api/leads, saw ${posts}`);
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  assert((await leadRows(page).filter({ hasText: lastName }).count()) === 0, "the invalid lead should not be in the table");
  const { status, body } = await apiGet<LeadsPage<Lead>>(page, "/api/leads?limit=200");
  assert(status === 200, `GET /api/leads answered ${status}`);
  assert(!body.items.some((l) => l.lastName === lastName), "the invalid lead should not exist on the server");
});
