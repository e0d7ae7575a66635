#!/usr/bin/env python3
"""Runs igraph's community detection on a graph written by `bench community --igraph`.

Usage: igraph_compare.py GRAPH_FILE OUT_DIR SEED ALGORITHMS
  GRAPH_FILE  first line: node count; then one edge per line: "source target weight" (0-based ids)
  OUT_DIR     gets one membership file per algorithm (<algorithm>.txt, one community id per node line)
  ALGORITHMS  comma-separated: leiden (igraph's C community_leiden, modularity, default 2 iterations),
              leiden_converged (the same run to convergence: n_iterations=-1),
              label_propagation (igraph's community_label_propagation), leidenalg (the reference
              implementation, ModularityVertexPartition)
Prints one JSON object per algorithm on stdout: algorithm, seconds (detection alone), communities,
modularity (igraph's), version. Exits with 3 when python-igraph is not installed.
Debian: apt-get install python3-igraph python3-leidenalg (for /usr/bin/python3).
"""
import json
import os
import random
import sys
import time

try:
    import igraph
except ImportError:
    print("python-igraph is not installed for " + sys.executable
          + " (Debian: apt-get install python3-igraph python3-leidenalg)", file=sys.stderr)
    sys.exit(3)


def read_graph(path):
    with open(path) as f:
        n = int(f.readline())
        values = f.read().split()
    edges = list(zip(map(int, values[0::3]), map(int, values[1::3])))
    weights = list(map(float, values[2::3]))
    g = igraph.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights
    return g


def detect(g, algorithm, seed):
    random.seed(seed)  # igraph's default random generator is Python's
    if algorithm == "leiden":
        return g.community_leiden(objective_function="modularity", weights="weight")
    if algorithm == "leiden_converged":
        return g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    if algorithm == "label_propagation":
        return g.community_label_propagation(weights="weight")
    if algorithm == "leidenalg":
        import leidenalg
        return leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight", seed=seed)
    raise SystemExit("unknown algorithm " + algorithm)


def main():
    graph_file, out_dir, seed, algorithms = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
    g = read_graph(graph_file)
    for algorithm in algorithms:
        start = time.perf_counter()
        clustering = detect(g, algorithm, seed)
        seconds = time.perf_counter() - start
        membership = clustering.membership
        with open(os.path.join(out_dir, algorithm + ".txt"), "w") as f:
            f.write("\n".join(map(str, membership)))
            f.write("\n")
        print(json.dumps({"algorithm": algorithm, "seconds": seconds, "communities": max(membership) + 1,
                          "modularity": g.modularity(membership, weights="weight"),
                          "version": igraph.__version__}), flush=True)


if __name__ == "__main__":
    main()
