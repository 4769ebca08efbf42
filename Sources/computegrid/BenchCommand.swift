import ArgumentParser
import Foundation
import Optimization

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time the interior-point solver on generated sparse QPs of growing size (solver.md §7.7).",
    discussion: """
      Generates deterministic (seeded) QPs, builds, lowers and solves each one --repeat times and prints the
      median of every time. Kinds: grid (DC-OPF-shaped network QP on a k×k grid: balance equalities, flow
      definitions, bounded flows, quadratic generator costs) and random (sparse QP with a planted optimum,
      P = D + BᵀB). Sizes are nominal variable counts.

      Columns: build, lowering, setup (equilibration + KKT assembly + AMD + symbolic), factor (all numeric
      factorisations), other (solves, refinement and IPM vector work = solve − setup − factor), solve (whole
      QPSolver.solve, wall clock), iterations, nnz of the KKT upper triangle and of L, peak resident memory of the
      process so far (VmHWM; instances run in order of size, so it is the largest instance's peak), objective.

      --export DIR writes for each instance NAME.qps (the user model, MPSWriter), NAME.clarabel.json (the canonical
      form, ClarabelJSON) and, for all instances, ours.json: timings, objective and row shadow prices
      (∂f*/∂rhs, the sign of HiGHS row_dual) under the exported row names. benchmarks/compare_solvers.sh reads them.

      --price-grade solves with QPSettings.priceGrade (gap and feasibility tolerances 1e-9 and active-set polish,
      solver.md §6.1) instead of the default settings (1e-8, no polish): slower, for the accuracy comparison
      (compare_solvers.py --accuracy). ours.json then records "settings": "price-grade", and for every instance
      the polish outcome, the dual-degeneracy flag and the final residuals.

      Build with -c release before timing anything.

      Examples:
        computegrid bench --sizes 1000,10000 --kinds grid --repeat 3
        computegrid bench --export bench-out --json bench-out/table.json
        computegrid bench --price-grade --export bench-acc
      """)

  @Option(help: "Comma-separated nominal variable counts.")
  var sizes: String = "1000,10000,100000"

  @Option(help: "Comma-separated kinds: grid, random.")
  var kinds: String = "grid,random"

  @Option(name: .customLong("repeat"), help: "Repetitions per instance; times are medians.")
  var repeatCount: Int = 3

  @Option(help: "Repetitions for instances of 50 000 variables or more (default 1).")
  var repeatLarge: Int = 1

  @Option(help: "Directory for NAME.qps, NAME.clarabel.json and ours.json (created if missing).")
  var export: String?

  @Option(help: "Write the table as JSON to this file.")
  var json: String?

  @Option(help: "Seed of the instance generator.")
  var seed: UInt64 = 20_251_126

  @Flag(help: "Solve with QPSettings.priceGrade (tolerances 1e-9 + active-set polish) instead of the defaults (1e-8).")
  var priceGrade = false

  mutating func run() throws {
    let sizeList = try sizes.split(separator: ",").map { text -> Int in
      guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 10 else {
        throw ValidationError("--sizes takes integers ≥ 10, got '\(text)'")
      }
      return value
    }
    let kindList = try kinds.split(separator: ",").map { text -> BenchKind in
      guard let kind = BenchKind(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("unknown kind '\(text)'; choose from \(BenchKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return kind
    }
    guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1") }
    if let export { try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true) }

    var rows: [BenchRow] = []
    var exported: [JSONValue] = []
    let plan = sizeList.sorted().flatMap { size in kindList.map { (size, $0) } }
    print(BenchRow.header)
    for (number, (size, kind)) in plan.enumerated() {
      var samples: [BenchSample] = []
      var last: (instance: BenchInstance, lowered: LoweredModel, solution: QPSolution)?
      let repeats = size >= 50_000 ? max(1, repeatLarge) : repeatCount
      for rep in 0..<repeats {
        progress("[\(number + 1)/\(plan.count)] \(kind.rawValue)-\(size): repeat \(rep + 1)/\(repeats)")
        var sample = BenchSample()
        var clock = ContinuousClock.now
        let instance = BenchGenerator.make(kind, size: size, seed: seed)
        sample.build = seconds(since: &clock)
        let lowered = try instance.model.lower()
        sample.lower = seconds(since: &clock)
        let solution = try QPSolver.solve(lowered.problem, settings: priceGrade ? QPSettings.priceGrade : QPSettings())
        sample.solve = seconds(since: &clock)
        sample.setup = solution.report.setupSeconds
        sample.factor = solution.report.factorSeconds
        samples.append(sample)
        last = (instance, lowered, solution)
      }
      guard let last else { continue }
      let mapped = last.lowered.solution(from: last.solution, model: last.instance.model)
      let report = last.solution.report
      let row = BenchRow(
        name: last.instance.name, kind: kind, variables: last.instance.model.variableCount,
        constraints: last.instance.model.constraintCount, median: BenchSample.median(samples),
        iterations: report.iterations, status: last.solution.status.rawValue, kktNonzeros: report.kktNonzeros,
        factorNonzeros: report.factorNonzeros, refinementSteps: report.refinementSteps,
        regularisedPivots: report.regularisedPivots, peakMiB: peakResidentMiB(), objective: mapped.objective)
      rows.append(row)
      print(row.line)
      progress(
        "[\(number + 1)/\(plan.count)] \(row.name): \(row.status) in \(row.iterations) iterations, "
          + "solve \(format(row.median.solve, 3)) s, objective \(row.objective)")
      if let export {
        let mps = try last.instance.model.mpsModel()
        try MPSWriter.write(mps, toFile: "\(export)/\(row.name).qps")
        try ClarabelJSON.write(last.lowered.problem, toFile: "\(export)/\(row.name).clarabel.json")
        let names = MPSWriter.exportNames(mps).rowNames
        var members = row.json
        members += [
          ("settings", .string(priceGrade ? "price-grade" : "default")),
          ("polish", .string(report.polish)),
          ("dual_degenerate", .bool(report.dualDegenerate)),
          ("primal_residual", .optionalNumber(report.primalResidual)),
          ("dual_residual", .optionalNumber(report.dualResidual)),
          ("relative_gap", .optionalNumber(report.relativeGap)),
          ("objective_constant", .number(last.lowered.problem.objectiveConstant)),
          ("row_names", .array(names.map { .string($0) })),
          ("row_duals", .array(mapped.shadowPrices.map { .optionalNumber($0) })),
          ("sense_sign", .number(last.lowered.senseSign)),
          ("canonical_rows", .array(canonicalRows(last.lowered, constraintCount: row.constraints))),
        ]
        exported.append(.object(members))
      }
    }
    if let export {
      let text = JSONValue.object([("solver", .string("computegrid")), ("instances", .array(exported))])
        .serialised(indent: 0)
      try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: "\(export)/ours.json"))
    }
    if let json {
      let text = JSONValue.array(rows.map { .object($0.json) }).serialised()
      try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: json))
    }
  }

  /// Per user row [upper row, its side, lower row, its side] in the canonical (Clarabel) problem, −1/0 when absent,
  /// so that π_c = −senseSign·(side_u·z[upper] + side_l·z[lower]) maps Clarabel's z to shadow prices.
  private func canonicalRows(_ lowered: LoweredModel, constraintCount: Int) -> [JSONValue] {
    (0..<constraintCount).map { c in
      let upper = Int(lowered.constraintUpperRow[c])
      let lower = Int(lowered.constraintLowerRow[c])
      return .array([
        .integer(upper), .integer(upper < 0 ? 0 : Int(lowered.rowSide[upper])),
        .integer(lower), .integer(lower < 0 ? 0 : Int(lowered.rowSide[lower])),
      ])
    }
  }

  private func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

/// Times of one repetition, in seconds.
struct BenchSample {
  var build = 0.0
  var lower = 0.0
  var setup = 0.0
  var factor = 0.0
  var solve = 0.0
  var other: Double { max(0, solve - setup - factor) }

  static func median(_ samples: [BenchSample]) -> BenchSample {
    func med(_ key: KeyPath<BenchSample, Double>) -> Double {
      let sorted = samples.map { $0[keyPath: key] }.sorted()
      let mid = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var result = BenchSample()
    result.build = med(\.build)
    result.lower = med(\.lower)
    result.setup = med(\.setup)
    result.factor = med(\.factor)
    result.solve = med(\.solve)
    return result
  }
}

struct BenchRow {
  var name: String
  var kind: BenchKind
  var variables: Int
  var constraints: Int
  var median: BenchSample
  var iterations: Int
  var status: String
  var kktNonzeros: Int
  var factorNonzeros: Int
  var refinementSteps: Int
  var regularisedPivots: Int
  var peakMiB: Double
  var objective: Double

  static let columns: [(String, Int)] = [
    ("instance", 14), ("n", 7), ("rows", 7), ("build [s]", 10), ("lower [s]", 10), ("setup [s]", 10),
    ("factor [s]", 10), ("other [s]", 10), ("solve [s]", 10), ("iter", 5), ("nnz(K)", 9), ("nnz(L)", 10),
    ("VmHWM [MiB]", 11), ("objective", 22),
  ]

  static var header: String {
    columns.map { pad($0.0, $0.1) }.joined(separator: " ")
  }

  var line: String {
    let cells = [
      name, String(variables), String(constraints), format(median.build, 4), format(median.lower, 4),
      format(median.setup, 4), format(median.factor, 4), format(median.other, 4), format(median.solve, 4),
      String(iterations), String(kktNonzeros), String(factorNonzeros), format(peakMiB, 1), "\(objective)",
    ]
    return zip(cells, Self.columns).map { pad($0, $1.1) }.joined(separator: " ")
  }

  var json: [(String, JSONValue)] {
    [
      ("name", .string(name)), ("kind", .string(kind.rawValue)), ("variables", .integer(variables)),
      ("constraints", .integer(constraints)), ("status", .string(status)), ("iterations", .integer(iterations)),
      ("objective", .optionalNumber(objective)), ("build_seconds", .number(median.build)),
      ("lower_seconds", .number(median.lower)), ("setup_seconds", .number(median.setup)),
      ("factor_seconds", .number(median.factor)), ("other_seconds", .number(median.other)),
      ("solve_seconds", .number(median.solve)), ("kkt_nonzeros", .integer(kktNonzeros)),
      ("factor_nonzeros", .integer(factorNonzeros)), ("refinement_steps", .integer(refinementSteps)),
      ("regularised_pivots", .integer(regularisedPivots)), ("peak_rss_mib", .number(peakMiB)),
    ]
  }
}

private func seconds(since start: inout ContinuousClock.Instant) -> Double {
  let now = ContinuousClock.now
  let elapsed = now - start
  start = now
  return elapsed.inSeconds
}

/// Peak resident set size of this process (VmHWM in /proc/self/status), MiB; NaN where unavailable.
func peakResidentMiB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    if fields.count >= 2, let kib = Double(fields[1]) { return kib / 1024 }
  }
  return .nan
}

private func format(_ value: Double, _ digits: Int) -> String {
  guard value.isFinite else { return "nan" }
  return String(format: "%.\(digits)f", value)
}
