import type { Page } from "playwright-core";
import type { ExecutionSummary } from "../../src/domain/workflows";
import { apiGet, assert, DEMO_USERS, defineTest, eventually, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const panel = (page: Page) => page.getByRole("complementary", { name: "Step settings panel" });

// Workflow automation: an owner builds "Lead created → Send text → Add note" on the canvas, publishes it, adds a
// lead with a phone number, and the workflow's runs view shows the run with the path it took.
export default defineTest("owner builds, publishes and watches a workflow run on a new lead", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.owner);
  const suffix = uniqueSuffix();

  // Create it from the list.
  await page.getByRole("link", { name: "Workflows", exact: true }).click();
  await page.getByRole("heading", { name: "Workflows", exact: true }).waitFor();
  await page.getByRole("button", { name: "New workflow", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel("Name", { exact: true }).fill(`Welcome text ${suffix}`);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL((url) => /^\/workflows\/[0-9a-f-]{36}$/.test(url.pathname));
  const workflowId = new URL(page.url()).pathname.split("/").at(-1)!;

  // The new workflow starts with its trigger ("Lead created") on the canvas.
  const canvas = page.getByTestId("workflow-canvas");
  await node(page, "trigger").waitFor();
  assert((await node(page, "trigger").innerText()).includes("Lead created"), "the trigger should be 'Lead created'");

  // A step dragged from the palette lands where it is dropped; Delete removes the selected step.
  const box = await canvas.boundingBox();
  assert(box, "the canvas is on screen");
  await page.getByTestId("palette-wait").dragTo(canvas, { targetPosition: { x: box.width - 180, y: box.height - 120 } });
  await node(page, "wait").waitFor();
  await node(page, "wait").click();
  await page.keyboard.press("Delete");
  await node(page, "wait").waitFor({ state: "detached" });

  // Clicking palette items adds each step under the selected one and joins them: trigger → text → note.
  await node(page, "trigger").click();
  await page.getByTestId("palette-send_sms").click();
  await node(page, "send_sms").waitFor();
  // An empty text is an error, on the node and in the panel.
  await node(page, "send_sms").getByText("choose a template or write the text", { exact: false }).waitFor();
  await panel(page).getByLabel("Text", { exact: true }).fill(`Hi {{lead.firstName}}, thanks for reaching out! (${suffix})`);
  await eventually(async () => (await node(page, "send_sms").getAttribute("data-has-errors")) === null, "the text step's error should clear once it has a body");
  await page.getByTestId("palette-add_note").click();
  await node(page, "add_note").waitFor();
  await panel(page).getByLabel("Note", { exact: true }).fill("Welcomed by the workflow");
  await page.getByTestId("issues-summary").getByText("Ready to publish").waitFor();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await t.screenshot("workflow-builder");

  // The draft reached the server as built.
  const saved = await apiGet<{ graph: { nodes: { id: string }[]; edges: { source: string; target: string }[] } }>(page, `/api/workflows/${workflowId}`);
  const edges = saved.body.graph.edges.map((e) => `${e.source}>${e.target}`).sort();
  assert(JSON.stringify(edges) === JSON.stringify(["send_sms>add_note", "trigger>send_sms"]), `the saved draft's edges: ${edges.join(", ")}`);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByTestId("publish-result").getByText("Version 1 published", { exact: true }).waitFor();
  await page.getByRole("switch", { name: "Enabled" }).and(page.locator('[aria-checked="true"]')).waitFor();

  // A new lead with a phone number sets it off.
  await page.goto("/leads");
  await waitForLeadRows(page, 1);
  const lastName = `Workflow${suffix}`;
  await page.getByRole("button", { name: "Add lead", exact: true }).click();
  const add = page.getByRole("dialog", { name: "Add lead", exact: true });
  await add.getByLabel("First name", { exact: true }).fill("Wendy");
  await add.getByLabel("Last name", { exact: true }).fill(lastName);
  await add.getByLabel("Phone", { exact: true }).fill("(512) 555-0187");
  await add.getByLabel("State", { exact: true }).fill("TX");
  await add.getByLabel("ZIP", { exact: true }).fill("78701");
  await add.getByRole("button", { name: "Save lead", exact: true }).click();
  await add.waitFor({ state: "hidden" });

  // Its run shows on the workflow's runs view, the newest one open, with the path taken.
  await eventually(
    async () => (await apiGet<{ items: ExecutionSummary[] }>(page, `/api/workflows/${workflowId}/executions`)).body.items.some((r) => r.leadName?.includes(lastName) && r.status === "completed"),
    "the run for the new lead should complete",
    30_000,
  );
  await page.goto(`/workflows/${workflowId}/runs`);
  await page.getByRole("table", { name: "Runs" }).getByText(`Wendy ${lastName}`).waitFor();
  const run = page.getByTestId("execution-view");
  await run.and(page.locator('[data-status="completed"]')).waitFor();
  const graph = page.getByTestId("run-graph");
  for (const id of ["trigger", "send_sms", "add_note"]) {
    await graph.getByTestId(`node-${id}`).and(page.locator('[data-run-status="done"]')).waitFor();
  }
  assert((await graph.locator(".react-flow__edge.animated").count()) === 2, "the two edges of the path should be highlighted");
  const steps = page.getByRole("list", { name: "Steps run" }).getByRole("listitem");
  assert((await steps.count()) >= 2, "the step list shows the steps that ran");
  await t.screenshot("workflow-run-path");
});
