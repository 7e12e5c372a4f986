import { describe, expect, it } from "vitest";
import { network, nodeOf } from "../../src/analysis/network.ts";
import type { DyadRow } from "../../src/model/index.ts";

const d = (source: string, target: string, count: number, goldsteinSum: number): DyadRow => ({
  source,
  target,
  count,
  goldsteinSum,
  conflict: goldsteinSum < 0 ? count : 0,
  cooperation: goldsteinSum < 0 ? 0 : count,
});

describe("actor network", () => {
  it("folds codes to countries, merges edges and drops self-loops", () => {
    const n = network([d("CHNGOV", "PRKGOV", 3, 9), d("CHNMIL", "PRK", 1, -5), d("CHNGOV", "CHNMIL", 4, 4)]);
    expect(n.edges).toEqual([
      {
        source: "CHN",
        target: "PRK",
        count: 4,
        goldsteinSum: 4,
        goldsteinMean: 1,
        cooperation: 3,
        conflict: 1,
      },
    ]);
    expect(nodeOf("IGOUNOSEC", "country")).toBe("IGOUNO");
    expect(nodeOf("CHNGOV", "code")).toBe("CHNGOV");
  });

  it("computes degree, betweenness and eigenvector centrality on a star with a tail", () => {
    // PRK is the hub: CHN, RUS and USA each deal with PRK; KOR only with USA.
    const n = network([
      d("CHN", "PRK", 10, 10),
      d("RUS", "PRK", 5, 5),
      d("USA", "PRK", 2, -2),
      d("USA", "KOR", 8, 8),
    ]);
    const node = (id: string) => n.nodes.find((x) => x.id === id)!;
    expect(node("PRK").degree).toBe(3);
    expect(node("PRK").weightedDegree).toBe(17);
    // PRK lies on the shortest paths between CHN, RUS, USA and KOR: 5 of 6 other pairs (normalised by 6).
    expect(node("PRK").betweenness).toBeCloseTo(5 / 6);
    // USA bridges KOR to the three others.
    expect(node("USA").betweenness).toBeCloseTo(3 / 6);
    expect(node("CHN").betweenness).toBe(0);
    expect(node("PRK").eigenvector).toBe(1);
    expect(node("CHN").eigenvector).toBeGreaterThan(node("RUS").eigenvector);
    expect(n.nodes[0].id).toBe("PRK");
  });

  it("returns an empty network for no rows", () => {
    expect(network([])).toEqual({ level: "country", nodes: [], edges: [] });
  });
});
