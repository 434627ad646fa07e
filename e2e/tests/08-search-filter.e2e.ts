import { apiGet, assert, DEMO_USERS, defineTest, eventually, leadRows, signIn, waitForLeadRows } from "../lib/harness";

// Issue 3: search and filter the list; the filters live in the URL and survive a reload.
export default defineTest("agent searches and filters the leads, and the URL keeps the filters", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);

  // A seeded lead to look for: the first of the list, searched by its last name.
  const first = await apiGet<{ items: { lastName: string; status: string }[] }>(page, "/api/leads?limit=1");
  const { lastName, status } = first.body.items[0];
  await page.getByLabel("Search leads", { exact: true }).fill(lastName);
  await page.waitForURL((url) => url.searchParams.get("q") === lastName);
  // The list refetches after the URL changes: wait until every row is a match.
  await eventually(async () => {
    const rows = await leadRows(page).allInnerTexts();
    return rows.length > 0 && rows.every((text) => text.includes(lastName));
  }, `every row should match "${lastName}"`);

  // Then narrow it by status with the Status toggle.
  const label = status.charAt(0).toUpperCase() + status.slice(1);
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: label, exact: true }).click();
  await page.waitForURL((url) => (url.searchParams.get("status") ?? "").includes(status));
  const expected = (await apiGet<{ items: unknown[] }>(page, `/api/leads?q=${encodeURIComponent(lastName)}&status=${status}&limit=200`)).body.items.length;
  await eventually(async () => (await leadRows(page).count()) === expected, `the filtered list should show the ${expected} matching leads`);
  const filtered = expected;
  assert(filtered >= 1, "the filtered list should still show the lead");

  await page.reload();
  await eventually(async () => (await leadRows(page).count()) === filtered, "the filtered rows survive a reload");
  assert((await page.getByLabel("Search leads", { exact: true }).inputValue()) === lastName, "the search survives a reload");
  await t.screenshot("leads-search-filter");
});
