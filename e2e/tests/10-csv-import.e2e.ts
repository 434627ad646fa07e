import { apiGet, assert, DEMO_USERS, defineTest, eventually, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// Issue 3: a CSV import through the wizard — columns guessed, a preview naming a bad row, the import running as a
// background job with a progress bar, and a summary that offers the rejected rows.
export default defineTest("agent imports a CSV with a progress bar and a summary", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);
  await page.getByRole("link", { name: "Import leads" }).click();

  const suffix = uniqueSuffix();
  const lines = ["Owner Name,Email,Phone,Zip Code"];
  for (let i = 0; i < 1200; i++) lines.push(`Csv Person${i},csv${i}.${suffix}@example.com,,${i === 7 ? "1" : "78704"}`);
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: `list-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });

  await page.getByRole("heading", { name: "Match columns" }).waitFor();
  assert((await page.getByLabel("Email", { exact: true }).inputValue()) === "Email", "the Email column should be guessed");
  await page.getByRole("button", { name: "Next: preview" }).click();
  await page.getByRole("table", { name: "Preview rows" }).waitFor();
  await page.getByText("ZIP: must be a 5-digit ZIP code").first().waitFor();
  await t.screenshot("import-preview");

  await page.getByRole("button", { name: /^Import 1,200 rows$/ }).click();
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await progress.waitFor();
  await t.screenshot("import-progress");
  await page.getByTestId("import-summary").waitFor({ timeout: 60_000 });
  const summary = await page.getByTestId("import-summary").innerText();
  assert(/Created 1,199/.test(summary) && /Rejected 1/.test(summary), `unexpected summary: ${summary}`);
  await page.getByRole("button", { name: "Download rejected rows" }).waitFor();
  await t.screenshot("import-summary");

  await eventually(async () => {
    const res = await apiGet<{ items: unknown[] }>(page, `/api/leads?q=${encodeURIComponent(`csv0.${suffix}`)}`);
    return res.body.items.length === 1;
  }, "an imported lead should be findable");
});
