import { apiGet, apiPost, assert, DEMO_USERS, defineTest, eventually, leadRows, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// Issue: bulk actions on selected leads (status, delete with undo) and saved views of the list's filters.
export default defineTest("owner changes the status of leads in bulk, deletes one and undoes it, and saves a view", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.owner);
  await waitForLeadRows(page, 10);

  // The rows are virtualised: of the 50 loaded only those in view (and a few more) are in the DOM, and
  // scrolling to the end loads the next page.
  const footer = page.getByText(/^\d+ leads( loaded)?$/);
  const loaded = async () => Number((await footer.innerText()).split(" ")[0]);
  await page.getByText("50 leads loaded", { exact: true }).waitFor();
  await t.screenshot("leads-list");
  const rendered = await leadRows(page).count();
  assert(rendered > 10 && rendered < 50, `only the rows in view should be rendered, not ${rendered} of 50`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await eventually(async () => (await loaded()) >= 100, "scrolling to the end should load the next page");
  await eventually(async () => (await leadRows(page).getByText("Nov", { exact: false }).count()) > 0, "rows at the end should be rendered");
  const renderedAfter = await leadRows(page).count();
  assert(renderedAfter < 50, `still only the rows in view, not ${renderedAfter}`);
  await t.screenshot("leads-scrolled-next-page");
  await page.evaluate(() => window.scrollTo(0, 0));

  // Two leads of this run only, found by a family name no other lead has.
  const family = `Bk${uniqueSuffix()}`;
  for (const firstName of ["Alpha", "Beta"]) {
    const created = await apiPost(page, "/api/leads", { firstName, lastName: family, status: "new" });
    assert(created.status === 201, `creating ${firstName} ${family} answered ${created.status}`);
  }
  const search = page.getByLabel("Search leads", { exact: true });
  await search.fill(family);
  await page.waitForURL((url) => url.searchParams.get("q") === family);
  await eventually(async () => {
    const rows = await leadRows(page).allInnerTexts();
    return rows.length === 2 && rows.every((text) => text.includes(family));
  }, "the list should show the two new leads");

  // Select both and change their status in bulk.
  await page.getByRole("checkbox", { name: `Select Alpha ${family}` }).check();
  await page.getByRole("checkbox", { name: `Select Beta ${family}` }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByRole("status").getByText("2 selected").waitFor();
  await t.screenshot("bulk-selected");
  await bar.getByRole("button", { name: "Status" }).click();
  await page.getByRole("menuitem", { name: "Qualified", exact: true }).click();
  await page.getByText("2 leads set to Qualified").first().waitFor();
  await eventually(async () => {
    const rows = await leadRows(page).allInnerTexts();
    return rows.length === 2 && rows.every((text) => text.includes("Qualified"));
  }, "both rows should show the new status");
  await bar.waitFor({ state: "detached" });
  const stored = await apiGet<{ items: { status: string }[] }>(page, `/api/leads?q=${family}`);
  assert(stored.body.items.length === 2 && stored.body.items.every((l) => l.status === "qualified"), "the API should have both leads qualified");
  await t.screenshot("bulk-status-changed");

  // Delete one: it goes; Undo brings it back.
  await page.getByRole("checkbox", { name: `Select Alpha ${family}` }).check();
  await bar.getByRole("button", { name: "Delete" }).click();
  await page.getByText("1 lead moved to the trash").first().waitFor();
  await eventually(async () => {
    const rows = await leadRows(page).allInnerTexts();
    return rows.length === 1 && rows[0].includes(`Beta ${family}`);
  }, "the deleted lead should leave the list");
  await t.screenshot("bulk-deleted-undo-toast");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await page.getByText("1 lead restored").first().waitFor();
  await eventually(async () => (await leadRows(page).filter({ hasText: `Alpha ${family}` }).count()) === 1, "Undo should bring the lead back");

  // Save a view with a status filter, clear the filters, apply the view: the filters come back.
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "Qualified", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "qualified" && url.searchParams.get("q") === family);
  await page.getByRole("button", { name: "Saved views", exact: true }).click();
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  const dialog = page.getByRole("dialog", { name: "Save view" });
  const viewName = `Qualified ${family}`;
  await dialog.getByLabel("Name", { exact: true }).fill(viewName);
  await dialog.getByRole("checkbox", { name: /Share with the org/ }).check();
  await t.screenshot("save-view-dialog");
  await dialog.getByRole("button", { name: "Save view" }).click();
  await page.getByText("View saved", { exact: true }).first().waitFor();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("button", { name: `Saved views (current: ${viewName})` }).waitFor();

  await page.getByRole("region", { name: "Filter leads" }).getByRole("button", { name: "Clear filters" }).click();
  await page.waitForURL((url) => !url.searchParams.has("status") && !url.searchParams.has("q"));
  await waitForLeadRows(page, 2);
  assert((await search.inputValue()) === "", "clearing the filters empties the search box");

  await page.getByRole("button", { name: "Saved views", exact: true }).click();
  await page.getByRole("menuitem", { name: viewName }).waitFor();
  await t.screenshot("saved-views-menu");
  await page.getByRole("menuitem", { name: viewName }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "qualified" && url.searchParams.get("q") === family);
  await eventually(async () => {
    const rows = await leadRows(page).allInnerTexts();
    return rows.length === 2 && rows.every((text) => text.includes(family) && text.includes("Qualified"));
  }, "applying the view should show its leads again");
  assert((await search.inputValue()) === family, "the view's search is back in the box");
  const pressed = await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "Qualified", exact: true }).getAttribute("aria-pressed");
  assert(pressed === "true", "the view's status filter is back on");
  await t.screenshot("saved-view-applied");
});
