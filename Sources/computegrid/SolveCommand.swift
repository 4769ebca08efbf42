import ArgumentParser
import Foundation
import Optimization

struct SolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Solve an LP or convex QP from a free MPS/QPS file with the built-in interior-point solver.",
    discussion: """
      Reads free MPS (LP) or QPS (QP: QUADOBJ lower triangle or QMATRIX) and solves it with the homogeneous
      self-dual interior-point method. Objective and primal values are in the units of the file.

      Duals are shadow prices π = ∂(optimal objective)/∂(row right-hand side), in the objective's sense: the sign
      of HiGHS's row_dual. For a power balance row "generation − flows = demand" in $/h and MW, π is the LMP in
      $/MWh. Reduced costs are ∂(optimal objective)/∂(active bound), the sign of HiGHS's col_dual.

      Built-in examples (no file needed): \(BuiltInExamples.all.map { "example:\($0.name)" }.joined(separator: ", ")).

      Exit status: 0 optimal, 3 infeasible or unbounded, 4 any other solver outcome, 1 bad input.

      Examples:
        computegrid solve example:two-bus
        computegrid solve example:quadratic-dispatch --json
        computegrid solve model.qps --price-grade --log
      """)

  @Argument(help: "An MPS/QPS file, or example:NAME for a built-in problem.")
  var file: String

  @Flag(help: "Print the result as JSON: status, objective, x, duals, reduced_costs, iterations, solve_seconds.")
  var json = false

  @Flag(help: "Tolerances 1e-9 and active-set polish, for prices accurate to 1e-9 relative (solver.md §6.1).")
  var priceGrade = false

  @Option(help: "Iteration limit (default 200).")
  var maxIterations: Int?

  @Option(help: "Gap and feasibility tolerance (default 1e-8; 1e-9 with --price-grade).")
  var tolerance: Double?

  @Flag(help: "Turn off Ruiz equilibration (for diagnosis).")
  var noEquilibrate = false

  @Flag(help: "Print the iteration log on standard error.")
  var log = false

  mutating func run() throws {
    let mps = try loadProblem()
    for warning in mps.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    let model = Model(mps)
    var settings = priceGrade ? QPSettings.priceGrade : QPSettings()
    if let maxIterations {
      guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive, got \(maxIterations)") }
      settings.maxIterations = maxIterations
    }
    if let tolerance {
      guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance must lie in (0, 1), got \(tolerance)") }
      settings.tolGapAbs = tolerance
      settings.tolGapRel = tolerance
      settings.tolFeasibility = tolerance
    }
    settings.equilibrate = !noEquilibrate
    let start = ContinuousClock.now
    let solution = try model.solve(settings: settings)
    let elapsed = ContinuousClock.now - start
    let seconds = elapsed.inSeconds
    if log { printLog(solution.report) }
    if json {
      print(jsonReport(solution, model: model, seconds: seconds).serialised())
    } else {
      print(textReport(solution, model: model, seconds: seconds))
    }
    switch solution.status {
    case .optimal: return
    case .primalInfeasible, .dualInfeasible: throw ExitCode(3)
    default: throw ExitCode(4)
    }
  }

  private func loadProblem() throws -> MPSModel {
    if file.hasPrefix("example:") {
      let name = String(file.dropFirst("example:".count))
      guard let example = BuiltInExamples.named(name) else {
        throw ValidationError(
          "unknown example '\(name)'; choose one of: \(BuiltInExamples.all.map(\.name).joined(separator: ", "))")
      }
      return try MPSReader.parse(example.mps, fileName: file)
    }
    guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    return try MPSReader.read(contentsOf: file)
  }

  private func printLog(_ report: SolveReport) {
    var lines = ["iter  primal objective   dual objective     pri. res.  dual res.  rel. gap   mu         kappa/tau  step"]
    for record in report.log {
      lines.append(
        [
          pad(String(record.iteration), 5), pad(scientific(record.primalObjective), 18),
          pad(scientific(record.dualObjective), 18), pad(scientific(record.primalResidual, 2), 10),
          pad(scientific(record.dualResidual, 2), 10), pad(scientific(record.relativeGap, 2), 10),
          pad(scientific(record.mu, 2), 10), pad(scientific(record.kappaOverTau, 2), 10), scientific(record.step, 2),
        ].joined(separator: " "))
    }
    lines += report.events.map { "event: \($0)" }
    lines.append("polish: \(report.polish)")
    lines.append(
      "time: setup \(scientific(report.setupSeconds, 2)) s (scaling, KKT assembly, ordering, analysis), factorisations \(scientific(report.factorSeconds, 2)) s, solver total \(scientific(report.totalSeconds, 2)) s"
    )
    lines.append(
      "sizes: KKT dimension \(report.kktDimension), nnz(KKT) \(report.kktNonzeros), nnz(L) \(report.factorNonzeros), regularised pivots \(report.regularisedPivots), refinement steps \(report.refinementSteps)"
    )
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  }

  func jsonReport(_ solution: ModelSolution, model: Model, seconds: Double) -> JSONValue {
    let hasPoint = solution.status == .optimal || solution.status == .almostOptimal
    var members: [(String, JSONValue)] = [
      ("status", .string(solution.status.rawValue)),
      ("objective", .optionalNumber(hasPoint ? solution.objective : nil)),
      ("x", .object(hasPoint ? zip(model.variableNames, solution.values).map { ($0.description, .number($1)) } : [])),
      ("duals", .object(hasPoint ? zip(model.constraintNames, solution.shadowPrices).map { ($0.description, .number($1)) } : [])),
      ("reduced_costs", .object(hasPoint ? zip(model.variableNames, solution.reducedCosts).map { ($0.description, .number($1)) } : [])),
      ("iterations", .integer(solution.report.iterations)),
      ("solve_seconds", .number(seconds)),
      ("primal_residual", .optionalNumber(solution.report.primalResidual)),
      ("dual_residual", .optionalNumber(solution.report.dualResidual)),
      ("relative_gap", .optionalNumber(solution.report.relativeGap)),
      ("dual_degenerate", .bool(solution.report.dualDegenerate)),
    ]
    if let diagnosis = solution.infeasibility {
      members.append(
        (
          "infeasibility",
          .object([
            ("gamma", .number(diagnosis.gamma)),
            (
              "constraints",
              .array(
                diagnosis.constraints.map {
                  .object([
                    ("name", .string($0.name)), ("relation", .string($0.relation)), ("rhs", .number($0.rhs)),
                    ("weight", .number($0.weight)), ("contribution", .number($0.contribution)),
                  ])
                })
            ),
          ])
        ))
    }
    if let diagnosis = solution.unboundedness {
      members.append(
        ("unbounded_ray", .object(diagnosis.variables.map { ($0.name, .number($0.direction)) })))
    }
    return .object(members)
  }

  func textReport(_ solution: ModelSolution, model: Model, seconds: Double) -> String {
    let report = solution.report
    var lines = [
      "problem    \(model.name): \(model.variableCount) variable(s), \(model.constraintCount) constraint(s)",
      "status     \(solution.status.rawValue)",
    ]
    let hasPoint = solution.status == .optimal || solution.status == .almostOptimal
    if hasPoint { lines.append("objective  \(solution.objective)") }
    lines.append(
      "iterations \(report.iterations)   time \(scientific(seconds, 3)) s   residuals primal \(scientific(report.primalResidual, 2)), dual \(scientific(report.dualResidual, 2)), relative gap \(scientific(report.relativeGap, 2))"
    )
    if report.dualDegenerate {
      lines.append("note       the dual solution is degenerate: a shadow price may be one point of an interval")
    }
    if hasPoint {
      lines.append("")
      lines.append(pad("variable", 30) + pad("value", 24) + "reduced cost")
      for (j, name) in model.variableNames.enumerated() {
        lines.append(pad(name.description, 30) + pad("\(solution.values[j])", 24) + "\(solution.reducedCosts[j])")
      }
      lines.append("")
      lines.append(pad("constraint", 30) + "shadow price (∂objective/∂rhs)")
      for (c, name) in model.constraintNames.enumerated() {
        lines.append(pad(name.description, 30) + "\(solution.shadowPrices[c])")
      }
    }
    if let diagnosis = solution.infeasibility { lines += ["", diagnosis.message] }
    if let diagnosis = solution.unboundedness { lines += ["", diagnosis.message] }
    return lines.joined(separator: "\n")
  }
}

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

func scientific(_ value: Double, _ digits: Int = 8) -> String {
  guard value.isFinite else { return value.isNaN ? "—" : String(describing: value) }
  return String(format: "%.\(digits)e", value)
}
