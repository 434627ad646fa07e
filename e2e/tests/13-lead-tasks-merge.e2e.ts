import { apiGet, apiPost, assert, DEMO_USERS, defineTest, eventually, signIn, uniqueSuffix } from "../lib/harness";

// Issue 3: on the lead page an agent assigns the lead, adds a task with a due date and ticks it off,
// and merges a duplicate into it choosing the surviving values.
export default defineTest("agent assigns a lead, works a task and merges a duplicate into it", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);

  const last = `Quill${uniqueSuffix()}`;
  const keeper = await apiPost<{ id: string }>(page, "/api/leads", { firstName: "Nora", lastName: last, phone: "+1 512 555 0101" });
  const duplicate = await apiPost<{ id: string }>(page, "/api/leads", { firstName: "Nora", lastName: last, email: `nora.${last.toLowerCase()}@example.com` });
  assert(keeper.status === 201 && duplicate.status === 201, `both leads should be created (${keeper.status}, ${duplicate.status})`);

  await page.goto(`/leads/${keeper.body.id}`);
  await page.getByRole("heading", { name: `Nora ${last}` }).waitFor();

  // Assignment sticks across a reload.
  const assignee = page.getByLabel("Assignee", { exact: true });
  await eventually(async () => (await assignee.locator("option", { hasText: "Olivia Owner" }).count()) === 1, "the owner should be offered as assignee");
  await assignee.selectOption({ label: "Olivia Owner" });
  await page.getByText("Assignee:", { exact: false }).first().waitFor(); // the change on the timeline

  // A task with a due date, then done.
  const taskForm = page.getByRole("form", { name: "New task" });
  await taskForm.getByLabel("New task").fill("Walk the property");
  await taskForm.getByLabel("Due").fill("2031-01-15T10:30");
  await taskForm.getByRole("button", { name: "Add task" }).click();
  const box = page.getByRole("checkbox", { name: "Complete task: Walk the property" });
  await box.waitFor();
  await box.check();
  await page.getByRole("list", { name: "Timeline" }).getByText("Walk the property", { exact: false }).first().waitFor();
  await eventually(async () => {
    const tasks = await apiGet<{ items: { status: string }[] }>(page, `/api/leads/${keeper.body.id}/tasks`);
    return tasks.body.items.length === 1 && tasks.body.items[0].status === "done";
  }, "the task should be done on the server");

  // Merge the duplicate, keeping its email.
  await page.getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("list", { name: "Matching leads" }).getByRole("button", { name: new RegExp(`nora\\.${last.toLowerCase()}@example\\.com`) }).click();
  assert(await dialog.getByRole("radio", { name: "Keep the other lead's email" }).isChecked(), "the other lead's email is preselected (this one has none)");
  await t.screenshot("lead-merge-dialog");
  await dialog.getByRole("button", { name: "Merge leads" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText(`nora.${last.toLowerCase()}@example.com`, { exact: true }).first().waitFor();
  assert((await apiGet(page, `/api/leads/${duplicate.body.id}`)).status === 404, "the merged duplicate is gone");
  assert((await page.getByLabel("Assignee", { exact: true }).inputValue()) !== "", "the assignment survives the merge");
  await page.reload();
  await page.getByText(`nora.${last.toLowerCase()}@example.com`, { exact: true }).first().waitFor();
  await t.screenshot("lead-detail-after-merge");
});
