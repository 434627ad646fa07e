import { afterEach, beforeEach, describe, expect, it } from "vitest";
import source from "../../../public/embed.js?raw";

const APP = "https://app.hiddenkey.example";

/** Runs embed.js as the browser would for `script`, with document.currentScript pointing at it. */
function runEmbed(script: HTMLScriptElement | null) {
  Object.defineProperty(document, "currentScript", { value: script, configurable: true });
  try {
    new Function(source)();
  } finally {
    delete (document as { currentScript?: unknown }).currentScript;
  }
}

function embedTag(attrs: Record<string, string> = {}) {
  const script = document.createElement("script");
  script.setAttribute("src", `${APP}/embed.js`);
  script.setAttribute("data-form", "sell-fast");
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  const container = document.createElement("section");
  container.append(document.createElement("p"), script, document.createElement("footer"));
  document.body.append(container);
  return script;
}

function heightMessage(iframe: HTMLIFrameElement, height: unknown, origin = APP, source: MessageEventSource | null = iframe.contentWindow) {
  window.dispatchEvent(new MessageEvent("message", { data: { type: "hidden-key:form-height", slug: "sell-fast", height }, origin, source }));
}

describe("public/embed.js", () => {
  beforeEach(() => window.history.replaceState(null, "", "/landing?utm_source=google&utm_campaign=spring%20sellers&gclid=xyz&utm_medium="));
  afterEach(() => {
    document.body.innerHTML = "";
    window.history.replaceState(null, "", "/");
  });

  it("inserts the form's iframe right after the script tag, with embed=1 and the page's UTM tags", () => {
    const script = embedTag({ "data-title": "Get a cash offer" });
    runEmbed(script);

    const iframe = script.nextElementSibling as HTMLIFrameElement;
    expect(iframe.tagName).toBe("IFRAME");
    expect(iframe.getAttribute("src")).toBe(`${APP}/f/sell-fast?embed=1&utm_source=google&utm_campaign=spring%20sellers`);
    expect(iframe.title).toBe("Get a cash offer");
    expect(iframe.style.width).toBe("100%");
    expect(iframe.nextElementSibling?.tagName).toBe("FOOTER");
    expect(document.querySelectorAll("iframe")).toHaveLength(1);
  });

  it("encodes the slug and names the iframe even without data-title", () => {
    window.history.replaceState(null, "", "/landing");
    const script = embedTag({ "data-form": "spring/sellers" });
    runEmbed(script);

    const iframe = script.nextElementSibling as HTMLIFrameElement;
    expect(iframe.getAttribute("src")).toBe(`${APP}/f/spring%2Fsellers?embed=1`);
    expect(iframe.title).toBe("Contact form");
  });

  it("resizes the iframe to the height the form posts, but only from the app's origin and that iframe", () => {
    const script = embedTag();
    runEmbed(script);
    const iframe = script.nextElementSibling as HTMLIFrameElement;
    const initial = iframe.style.height;

    heightMessage(iframe, 980, "https://evil.example");
    expect(iframe.style.height).toBe(initial);
    heightMessage(iframe, 980, APP, window);
    expect(iframe.style.height).toBe(initial);
    heightMessage(iframe, "lots");
    expect(iframe.style.height).toBe(initial);

    heightMessage(iframe, 812.4);
    expect(iframe.style.height).toBe("813px");
  });

  it("embeds once per tag, and does nothing without data-form", () => {
    const script = embedTag();
    runEmbed(script);
    runEmbed(script);
    expect(document.querySelectorAll("iframe")).toHaveLength(1);

    const bare = embedTag();
    bare.removeAttribute("data-form");
    runEmbed(bare);
    expect(document.querySelectorAll("iframe")).toHaveLength(1);
  });
});
