/// Small problems shipped inside the binary, so `computegrid solve example:NAME` works on a fresh machine.
/// Each is a problem of solver.md §7.4 with a hand-worked answer stated beside it.
enum BuiltInExamples {
  struct Example {
    let name: String
    let summary: String
    let mps: String
  }

  static let all: [Example] = [
    Example(
      name: "two-bus",
      summary: "T2: two buses joined by a 100 MW line; LMPs 10 and 30 $/MWh, line shadow price −20 $/MWh",
      mps: """
        NAME          two-bus
        * Generator g1 (10 $/MWh) at bus A, g2 (30 $/MWh) at bus B; loads 50 MW at A and 150 MW at B.
        * Optimum: g1 = 150, g2 = 50, flow = 100 (at its limit), cost 3000 $/h; LMP(A) = 10, LMP(B) = 30.
        ROWS
         N  cost
         E  balance_A
         E  balance_B
        COLUMNS
            g1        cost      10   balance_A   1
            g2        cost      30   balance_B   1
            flow      balance_A -1   balance_B   1
        RHS
            RHS       balance_A 50   balance_B   150
        BOUNDS
         UP BND       g1        200
         UP BND       g2        200
         LO BND       flow      -100
         UP BND       flow      100
        ENDATA
        """),
    Example(
      name: "quadratic-dispatch",
      summary: "T3: quadratic costs with g1 at its 150 MW cap; LMP 35 $/MWh, cost 6750 $/h",
      mps: """
        NAME          quadratic-dispatch
        * min 10 g1 + 0.05 g1² + 20 g2 + 0.05 g2²  s.t. g1 + g2 = 300, 0 ≤ g1 ≤ 150, 0 ≤ g2 ≤ 400.
        ROWS
         N  cost
         E  balance
        COLUMNS
            g1        cost      10   balance     1
            g2        cost      20   balance     1
        RHS
            RHS       balance   300
        BOUNDS
         UP BND       g1        150
         UP BND       g2        400
        QUADOBJ
            g1        g1        0.1
            g2        g2        0.1
        ENDATA
        """),
    Example(
      name: "shortfall",
      summary: "T7: 300 MW of load but 250 MW of capacity; infeasible, the diagnosis names the three rows",
      mps: """
        NAME          shortfall
        ROWS
         N  cost
         E  balance
        COLUMNS
            g1        cost      10   balance     1
            g2        cost      20   balance     1
        RHS
            RHS       balance   300
        BOUNDS
         UP BND       g1        100
         UP BND       g2        150
        ENDATA
        """),
  ]

  static func named(_ name: String) -> Example? { all.first { $0.name == name } }
}
