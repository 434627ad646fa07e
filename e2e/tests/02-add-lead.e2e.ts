import { assert, DEMO_USERS, defineTest, leadRows, leadsTable, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// (b) "Add lead" creates a lead: the dialog closes, a toast confirms, the table shows it, and a reload keeps it.
export default defineTest("agent adds a lead through the dialog and it persists", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);

  const suffix = uniqueSuffix();
  const firstName = "Eddie";
  const lastName = `Endtoend${suffix}`;
  const fullName = `${firstName} ${lastName}`;

  await page.getByRole("button", { name: "Add lead", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add lead", exact: true });
  await dialog.waitFor();
  await dialog.getByLabel("First name", { exact: true }).fill(firstName);
  await dialog.getByLabel("Last name", { exact: true }).fill(lastName);
  await dialog.getByLabel("Email", { exact: true }).fill(`eddie.${suffix}@example.com`);
  await dialog.getByLabel("Phone", { exact: true }).fill("(512) 555-0142");
  await dialog.getByLabel("City", { exact: true }).fill("Austin");
  await dialog.getByLabel("State", { exact: true }).fill("TX");
  await dialog.getByLabel("ZIP", { exact: true }).fill("78701");
  await t.screenshot("add-lead-dialog");

  const created = page.waitForResponse((r) => r.url().endsWith("/api/leads") && r.request().method() === "POST");
  await dialog.getByRole("button", { name: "Save lead", exact: true }).click();
  const response = await created;
  assert(response.status() === 201, `POST /api/leads answered ${response.status()}: ${await response.text()}`);

  await dialog.waitFor({ state: "hidden" });
  await page.getByText("Lead added", { exact: true }).waitFor();
  const row = leadRows(page).filter({ hasText: fullName });
  await row.waitFor();
  assert((await row.innerText()).includes("Austin, TX"), `the new row should show "Austin, TX", got: ${await row.innerText()}`);
  await t.screenshot("leads-after-add");

  // Persisted: a full reload reads it back from the server (newest first, so it is on the first page).
  await page.reload();
  await leadsTable(page).waitFor();
  await leadRows(page).filter({ hasText: fullName }).waitFor();
});
