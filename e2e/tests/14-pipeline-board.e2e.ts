import type { Page } from "playwright-core";
import type { OpportunityDetail, PipelineResponse } from "../../src/domain/pipeline";
import { apiGet, apiPost, assert, DEMO_USERS, defineTest, eventually, signIn, uniqueSuffix } from "../lib/harness";

const column = (page: Page, stageId: string) => page.locator(`section[data-stage-id="${stageId}"]`);
const countIn = (page: Page, stageId: string) => column(page, stageId).getByTestId("column-count").innerText();
const totalIn = (page: Page, stageId: string) => column(page, stageId).getByTestId("column-total").innerText();

// Issue 4: drag a card to another stage and see the column totals change; reload and the move persisted. Then the
// same with the keyboard (grip, Space, ArrowRight, Space).
export default defineTest("agent drags a deal across the pipeline board (mouse and keyboard) and the move persists", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);

  // A deal of its own, at a value no demo deal has, so a value filter shows it alone.
  const value = 123_000 + Math.floor(Math.random() * 999);
  const title = `Board drag ${uniqueSuffix()}`;
  const created = await apiPost<OpportunityDetail>(page, "/api/opportunities", { title, value, expectedCloseDate: "2031-03-01" });
  assert(created.status === 201, `the deal should be created (${created.status})`);
  const board = await apiGet<PipelineResponse>(page, "/api/pipeline");
  const open = board.body.stages.filter((s) => s.kind === "open");
  const [first, second, third] = open;
  assert(first && second && third && created.body.stageId === first.id, "the deal starts in the first open stage; there are at least three open stages");

  // The whole board first, as people see it.
  await page.goto("/pipeline");
  await page.getByRole("region", { name: "Pipeline board" }).waitFor();
  await column(page, first.id).locator("li[data-card-id]").first().waitFor();
  await t.screenshot("pipeline-board");

  // The filter goes to the URL and the board shows the one deal.
  await page.getByLabel("Min value", { exact: true }).fill(String(value));
  await page.getByLabel("Max value", { exact: true }).fill(String(value));
  await page.waitForURL((url) => url.searchParams.get("minValue") === String(value) && url.searchParams.get("maxValue") === String(value));
  const card = page.locator(`li[data-card-id="${created.body.id}"]`);
  await card.waitFor();
  await eventually(async () => (await countIn(page, first.id)) === "1" && (await countIn(page, second.id)) === "0", "only the new deal should match the filter");
  const before = await totalIn(page, first.id);
  assert(before === "$123K" || before.startsWith("$123") || before.startsWith("$124"), `the first column's total is the deal's value (${before})`);

  // Mouse: press on the card, move in steps over the second column, release.
  const from = await card.boundingBox();
  const to = await column(page, second.id).boundingBox();
  assert(from && to, "card and column are on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 25, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
  await t.screenshot("pipeline-dragging");
  await page.mouse.up();
  await eventually(async () => (await countIn(page, first.id)) === "0" && (await countIn(page, second.id)) === "1", "the counts should follow the drop");
  assert((await totalIn(page, first.id)) === "$0", "the first column's total drops to $0");
  assert((await totalIn(page, second.id)) === before, "the second column's total gains the deal's value");
  await eventually(async () => (await apiGet<OpportunityDetail>(page, `/api/opportunities/${created.body.id}`)).body.stageId === second.id, "the move should reach the server");

  await page.reload();
  await column(page, second.id).locator(`li[data-card-id="${created.body.id}"]`).waitFor();
  assert((await countIn(page, second.id)) === "1" && (await countIn(page, first.id)) === "0", "the move persisted across a reload");
  await t.screenshot("pipeline-after-drag-reload");

  // Keyboard: focus the card's grip, Space to pick up, ArrowRight to the next stage, Space to drop.
  const grip = page.getByRole("button", { name: `Drag ${title}` });
  await grip.focus();
  // Each step waits for the screen reader announcement, as the board only moves once it has measured the stages.
  await page.keyboard.press("Space");
  // (picked up, then at once "over" its own place)
  await page.getByText(`${title} is in ${second.name}`, { exact: false }).waitFor({ state: "attached" });
  // dnd-kit measures the stages just after the pick-up; on a loaded machine an arrow pressed before that moves the
  // card by a few pixels only. Give it a moment, and press again if the card is still in its own stage.
  await page.waitForTimeout(400);
  let arrived = false;
  for (let attempt = 0; attempt < 3 && !arrived; attempt++) {
    await page.keyboard.press("ArrowRight");
    arrived = await page.getByText(`${title} is in ${third.name}`, { exact: false }).waitFor({ state: "attached", timeout: 4000 }).then(() => true, () => false);
  }
  assert(arrived, `ArrowRight should take the card to ${third.name}`);
  await page.keyboard.press("Space");
  await page.getByText(`Dropped ${title} in ${third.name}`, { exact: false }).waitFor({ state: "attached" });
  await eventually(async () => (await countIn(page, third.id)) === "1" && (await countIn(page, second.id)) === "0", "the keyboard move should land in the next stage");
  await eventually(async () => (await apiGet<OpportunityDetail>(page, `/api/opportunities/${created.body.id}`)).body.stageId === third.id, "the keyboard move should reach the server");
  await page.reload();
  await column(page, third.id).locator(`li[data-card-id="${created.body.id}"]`).waitFor();

  // The deal's page shows where it has been.
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { name: title }).waitFor();
  await page.getByRole("list", { name: "Stage history" }).getByText(`${second.name} → ${third.name}`).waitFor();
  await t.screenshot("opportunity-detail", { fullPage: true });

  // A demo deal with a saved analysis: the analyzer's figures and the investor matches.
  const demo = board.body.stages.flatMap((s) => s.opportunities).slice(0, 30);
  let analysed: OpportunityDetail | null = null;
  for (const c of demo) {
    const d = await apiGet<OpportunityDetail>(page, `/api/opportunities/${c.id}`);
    if (d.body.analysis) {
      analysed = d.body;
      break;
    }
  }
  if (analysed) {
    await page.goto(`/opportunities/${analysed.id}`);
    await page.getByRole("group", { name: "Analysis results" }).getByLabel("Cap rate", { exact: true }).waitFor();
    await page.getByRole("list", { name: "Investor matches" }).waitFor();
    await t.screenshot("opportunity-detail-analysis", { fullPage: true });
  }

  // 2,000 open deals (the board's answer replaced in the browser): it renders and a drag lands. How long that
  // takes is measured by `npm run bench -- pipeline`, not asserted here.
  const stages = board.body.stages;
  const template = board.body.stages.flatMap((s) => s.opportunities)[0];
  const big = stages.map((stage, i) => {
    const cards = stage.kind === "open" ? Array.from({ length: Math.floor(2000 / open.length) + (i === 0 ? 2000 % open.length : 0) }, (_, k) => ({
      ...template,
      id: `00000000-0000-4000-8000-${String(i * 10_000 + k).padStart(12, "0")}`,
      title: `Load deal ${i}-${k}`,
      stageId: stage.id,
      position: k,
      value: 100_000 + k,
      probability: null,
    })) : [];
    return { ...stage, count: cards.length, totalValue: cards.reduce((a, c) => a + (c.value ?? 0), 0), weightedValue: cards.reduce((a, c) => a + ((c.value ?? 0) * stage.probability) / 100, 0), opportunities: cards };
  });
  await page.route("**/api/pipeline", (route) => route.fulfill({ json: { stages: big } }));
  await page.route("**/api/opportunities/*/move", async (route) => {
    const body = route.request().postDataJSON() as { stageId: string };
    await route.fulfill({ json: { ...template, id: route.request().url().split("/").at(-2), stageId: body.stageId, version: 2 } });
  });
  await page.goto("/pipeline");
  await page.getByText(`Load deal 0-0`, { exact: true }).waitFor();
  const firstCard = page.locator(`li[data-card-id="${big[0].opportunities[0].id}"]`);
  const a = await firstCard.boundingBox();
  const b = await column(page, open[1].id).boundingBox();
  assert(a && b, "card and column are on screen");
  await page.mouse.move(a.x + a.width / 2, a.y + 20);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + 25, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 80, { steps: 10 });
  await page.mouse.up();
  await eventually(async () => (await countIn(page, open[1].id)) === String(big[1].count + 1), "the drop should show on the 2,000-deal board");
  await t.screenshot("pipeline-2000-deals");
});
