/** Centrality on an undirected weighted graph given as an adjacency map (node → neighbour → weight). */
export type Adjacency = Map<string, Map<string, number>>;

/**
 * The graph as arrays: nodes sorted, each node's neighbours as indices in ascending order (so in
 * the nodes' order), with their weights. Maps cost a hash lookup per step; a graph of a few
 * thousand nodes is visited millions of times.
 */
function indexed(adj: Adjacency) {
  const nodes = [...adj.keys()].sort();
  const index = new Map(nodes.map((v, i) => [v, i]));
  const start = new Int32Array(nodes.length + 1);
  const neighbours: number[] = [];
  const weights: number[] = [];
  nodes.forEach((v, i) => {
    const out = [...(adj.get(v) ?? [])]
      .filter(([w]) => index.has(w))
      .map(([w, weight]) => [index.get(w)!, weight] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [w, weight] of out) {
      neighbours.push(w);
      weights.push(weight);
    }
    start[i + 1] = neighbours.length;
  });
  return { nodes, start, neighbours: Int32Array.from(neighbours), weights: Float64Array.from(weights) };
}

/**
 * Betweenness centrality (Brandes 2001) on the unweighted graph, normalised to 0..1 by
 * (n − 1)(n − 2) / 2 for undirected graphs. O(nodes × edges): about 0.2 s for 3,000 nodes.
 */
export function betweenness(adj: Adjacency): Map<string, number> {
  const { nodes, start, neighbours } = indexed(adj);
  const n = nodes.length;
  const cb = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    sigma[s] = 1;
    dist[s] = 0;
    order[0] = s;
    let seen = 1;
    for (let qi = 0; qi < seen; qi++) {
      const v = order[qi];
      for (let k = start[v]; k < start[v + 1]; k++) {
        const w = neighbours[k];
        if (dist[w] < 0) {
          order[seen++] = w;
          dist[w] = dist[v] + 1;
        }
        if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    // Back from the farthest: a node's predecessors are its neighbours one step nearer to s.
    for (let qi = seen - 1; qi >= 0; qi--) {
      const w = order[qi];
      for (let k = start[w]; k < start[w + 1]; k++) {
        const v = neighbours[k];
        if (dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      if (w !== s) cb[w] += delta[w];
    }
  }
  // Each pair was counted from both ends; the normaliser for undirected graphs is (n−1)(n−2)/2.
  const norm = n > 2 ? (n - 1) * (n - 2) : 1;
  return new Map(nodes.map((v, i) => [v, cb[i] / norm]));
}

/**
 * Eigenvector centrality by power iteration on the weighted adjacency matrix, scaled so the
 * largest is 1. Iterates on A + I so bipartite graphs converge too (same eigenvectors).
 */
export function eigenvector(adj: Adjacency, iterations = 200, tolerance = 1e-10): Map<string, number> {
  const { nodes, start, neighbours, weights } = indexed(adj);
  const n = nodes.length;
  let x = new Float64Array(n).fill(1);
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n);
    let max = 0;
    for (let v = 0; v < n; v++) {
      let sum = x[v];
      for (let k = start[v]; k < start[v + 1]; k++) sum += weights[k] * x[neighbours[k]];
      next[v] = sum;
      if (sum > max) max = sum;
    }
    max ||= 1;
    let diff = 0;
    for (let v = 0; v < n; v++) {
      next[v] /= max;
      diff = Math.max(diff, Math.abs(next[v] - x[v]));
    }
    x = next;
    if (diff < tolerance) break;
  }
  return new Map(nodes.map((v, i) => [v, x[i]]));
}
