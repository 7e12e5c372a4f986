import { rootOf } from "../model/index.ts";
import type { Trigger } from "./triggers.ts";

/**
 * The CAMEO code of an event under its mood. Documented choices:
 * - intent ("will visit", "plans to meet", "agreed to provide aid") → the 03x intent code of the
 *   event's kind (04 → 036, 06 → 031x, 07 → 033x, 08 → 035x); intent to use force or coercion
 *   (roots 14–20) is coded as the matching 13x threat;
 * - threat ("threatened to impose sanctions") → the 13x code of what is threatened;
 * - refusal ("refused to meet", "declined to lift sanctions") → the 12x rejection code;
 * - negation ("did not mention", "never visited") and hypotheses ("could attack") → no event.
 * Returns null when no event should be coded.
 */
export function codeForMood(code: string, mood: Trigger["mood"]): string | null {
  if (mood === "plain") return code;
  if (mood === "negated" || mood === "hypothetical") return null;
  const root = rootOf(code);
  if (mood === "refusal") return refusal(code, root);
  if (mood === "threat") return threat(code, root);
  return intent(code, root);
}

const SUB: Record<string, Record<string, string>> = {
  "06": { "061": "0311", "062": "0312", "063": "0313", "064": "0314" },
  "07": { "071": "0331", "072": "0332", "073": "0333", "074": "0334" },
  "08": {
    "081": "0351",
    "082": "0352",
    "084": "0353",
    "0841": "0353",
    "0842": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
  },
};

function intent(code: string, root: string): string | null {
  switch (root) {
    case "01":
    case "02":
    case "03":
    case "10":
    case "11":
    case "12":
    case "13":
    case "15":
      return code;
    case "04":
      return "036";
    case "05":
      return "032";
    case "06":
      return SUB["06"][code] ?? "031";
    case "07":
      return SUB["07"][code] ?? "033";
    case "08":
      return SUB["08"][code] ?? "035";
    case "09":
      return "030";
    default:
      return threat(code, root);
  }
}

function threat(code: string, root: string): string {
  switch (root) {
    case "13":
      return code;
    case "14":
      return "133";
    case "16":
      return code === "163" ? "1312" : code === "161" ? "1313" : code === "160" ? "1311" : "131";
    case "17":
      return "137";
    case "18":
      return "1383";
    case "19":
      return code === "191" ? "1381" : code === "192" ? "1382" : "1384";
    case "20":
      return "1385";
    default:
      return "130";
  }
}

function refusal(code: string, root: string): string | null {
  switch (root) {
    case "03":
    case "05":
      return "120";
    case "04":
      return "125";
    case "06":
      return "121";
    case "07":
      return "122";
    case "08":
      return code === "085" ? "1244" : code.startsWith("084") ? "1243" : code === "087" ? "1246" : "124";
    default:
      return null;
  }
}
