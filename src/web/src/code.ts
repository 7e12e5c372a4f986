import { api, type Event, RECORD_CHANGED } from "./api.ts";
import { eventCard, fill, h, status } from "./dom.ts";
import { asEvidence } from "./events.ts";

/** Paste text → preview coded events (POST /api/code); store them with the operator's token. */
export function codeView(root: HTMLElement): void {
  const text = h("textarea", {
    id: "code-text",
    rows: 8,
    "data-testid": "code-text",
    placeholder:
      "Paste a news report, e.g. “Kim Jong Un arrived in Beijing on Tuesday for talks with Xi Jinping.”",
  });
  const date = h("input", { id: "code-date", type: "date", "data-testid": "code-date" });
  const token = h("input", {
    id: "code-token",
    type: "password",
    autocomplete: "off",
    "data-testid": "code-token",
  });
  const out = h("div", { "aria-live": "polite" });
  const run = async (store: boolean) => {
    if (!text.value.trim()) {
      fill(out, status("Paste some text first.", "error"));
      return;
    }
    fill(out, status(store ? "Coding and storing…" : "Coding…"));
    try {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (store && token.value) headers.Authorization = `Bearer ${token.value}`;
      const body = JSON.stringify({ text: text.value, docDate: date.value || undefined, docId: "dashboard" });
      const r = await api<{ events: Event[]; stored: { inserted: number; duplicates: number } | null }>(
        `/api/code${store ? "?store=true" : ""}`,
        { method: "POST", headers, body },
      );
      fill(
        out,
        h(
          "p",
          { class: "summary", "data-testid": "code-summary" },
          `${r.events.length} events coded`,
          r.stored
            ? `; ${r.stored.inserted} stored, ${r.stored.duplicates} already in the record.`
            : " (preview, not stored).",
        ),
        h("div", { class: "evidence-cards" }, ...r.events.map((e) => eventCard(asEvidence(e)))),
      );
      if (r.stored?.inserted) window.dispatchEvent(new CustomEvent(RECORD_CHANGED));
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };
  const form = h(
    "form",
    { class: "code-form" },
    h("label", { for: "code-text" }, "Text"),
    text,
    h(
      "div",
      { class: "controls" },
      h("label", { for: "code-date" }, "Document date", date),
      h("button", { type: "submit", "data-testid": "code-preview" }, "Preview events"),
    ),
    h(
      "div",
      { class: "controls" },
      h("label", { for: "code-token" }, "Token (to store)", token),
      h(
        "button",
        { type: "button", "data-testid": "code-store", onclick: () => void run(true) },
        "Store events",
      ),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run(false);
  });
  fill(
    root,
    h("h2", {}, "Import and code"),
    h(
      "p",
      { class: "summary" },
      "The API is read-only unless the operator sets YALU_TOKEN; previews need no token.",
    ),
    form,
    out,
  );
}
