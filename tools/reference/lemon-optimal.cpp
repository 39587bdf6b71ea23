// The benchmark's outside reference for the optimal mode: LEMON's network simplex on the
// same instance file (DESIGN.md, "Instance files"). Not part of the product: built and run
// by tools/bench-matching.ts when Debian's liblemon-dev is installed.
//
// Maximum total score as a min-cost flow: source -> seeker (capacity 1), seeker -> the
// opening's first-time or returning quota node (capacity 1, cost -score), quota node ->
// opening (capacity the quota), opening -> sink (capacity the positions), and source -> sink
// at no cost, so a seeker may stay unmatched. Prints the solve time (reading excluded, as the
// project's figure excludes generating the instance), peak memory, score and pairs matched.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

using Graph = lemon::SmartDigraph;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lemon-optimal <instance.txt>\n");
    return 64;
  }
  std::FILE* in = std::fopen(argv[1], "r");
  if (!in) {
    std::perror(argv[1]);
    return 66;
  }
  long seekers = 0, openings = 0, pairs = 0;
  std::vector<long> positions, firstTime, returning, pairSeeker, pairOpening, pairScore;
  std::vector<int> pairClass;
  char line[256];
  while (std::fgets(line, sizeof line, in)) {
    long a, b, c;
    char cls;
    if (line[0] == 'p' && std::sscanf(line, "p %ld %ld %ld", &seekers, &openings, &pairs) == 3) {
      positions.reserve(openings);
      pairSeeker.reserve(pairs);
      pairOpening.reserve(pairs);
      pairScore.reserve(pairs);
      pairClass.reserve(pairs);
    } else if (line[0] == 'o' && std::sscanf(line, "o %ld %ld %ld", &a, &b, &c) == 3) {
      positions.push_back(a);
      firstTime.push_back(b);
      returning.push_back(c);
    } else if (line[0] == 'e' && std::sscanf(line, "e %ld %ld %ld %c", &a, &b, &c, &cls) == 4) {
      pairSeeker.push_back(a);
      pairOpening.push_back(b);
      pairScore.push_back(c);
      pairClass.push_back(cls == 'R' ? 1 : 0);
    }
  }
  std::fclose(in);

  const auto started = std::chrono::steady_clock::now();
  Graph g;
  g.reserveNode(2 + seekers + 3 * openings);
  g.reserveArc(1 + seekers + pairs + 3 * openings);
  Graph::Node source = g.addNode(), sink = g.addNode();
  std::vector<Graph::Node> seeker(seekers), opening(openings), quota(2 * openings);
  Graph::ArcMap<long> capacity(g), cost(g);
  auto arc = [&](Graph::Node from, Graph::Node to, long cap, long c) {
    Graph::Arc a = g.addArc(from, to);
    capacity[a] = cap;
    cost[a] = c;
    return a;
  };
  for (long s = 0; s < seekers; s++) arc(source, seeker[s] = g.addNode(), 1, 0);
  for (long o = 0; o < openings; o++) {
    opening[o] = g.addNode();
    arc(opening[o], sink, positions[o], 0);
    arc(quota[2 * o] = g.addNode(), opening[o], firstTime[o], 0);
    arc(quota[2 * o + 1] = g.addNode(), opening[o], returning[o], 0);
  }
  std::vector<Graph::Arc> pairArc(pairs);
  for (long k = 0; k < pairs; k++) pairArc[k] = arc(seeker[pairSeeker[k]], quota[2 * pairOpening[k] + pairClass[k]], 1, -pairScore[k]);
  arc(source, sink, seekers, 0);

  lemon::NetworkSimplex<Graph, long, long> simplex(g);
  simplex.upperMap(capacity).costMap(cost).stSupply(source, sink, seekers);
  if (simplex.run() != lemon::NetworkSimplex<Graph, long, long>::OPTIMAL) {
    std::printf("skipped=error (no optimum)\n");
    return 1;
  }
  long total = 0, matched = 0;
  for (long k = 0; k < pairs; k++)
    if (simplex.flow(pairArc[k]) > 0) {
      total += pairScore[k];
      matched++;
    }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  // total= is the exact sum of the integer scores, for comparing optima; score= as the project prints it.
  std::printf("seconds=%.2f peakMiB=%ld score=%.1f matched=%ld pairs=%ld total=%ld\n", seconds, usage.ru_maxrss / 1024, std::llround(total / 10.0) / 10.0,
              matched, pairs, total);
  return 0;
}
