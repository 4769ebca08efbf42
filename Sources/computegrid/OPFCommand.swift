import ArgumentParser
import Foundation
import Optimization
import PowerGrid

struct OPFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "opf",
    abstract: "DC optimal power flow of a MATPOWER case: dispatch, flows and LMPs split into energy and congestion.",
    discussion: """
      Conventions are MATPOWER's DC-OPF: lossless; branch susceptance b = 1/(x·tap); flows in MW at the from end
      (phase shifters included); bus GS counted as load; PMIN ≤ Pg ≤ PMAX; |flow| ≤ RATE_A (RATE_A = 0 means
      unlimited) and angle-difference limits where ANGMIN/ANGMAX lie inside (−360, 360); quadratic or
      piecewise-linear costs in $/h; hourly periods.

      LMP ($/MWh) = ∂(total cost)/∂(demand at the bus). Energy component = the LMP at the island's reference
      bus (BUS_TYPE 3), where every PTDF is zero; congestion component = −Σ_l PTDF[l,bus]·(μ⁺_l − μ⁻_l), the
      flow-limit duals weighted by reference-bus PTDFs. They sum to the LMP. A line binds when |flow| is within
      1e-4 MW of its limit.

      CASE is a .m file or a built-in case: \(BuiltInCases.names().joined(separator: ", ")).

      Multi-period runs (--periods or --profile) solve all periods in one problem (they share no constraint).
      Without --profile the built-in daily shape multiplies PD [PROPOSED: 0.55 at night to 1.00 at 19:00].
      --renewables adds zero-cost, curtailable wind/solar units from a CSV (name,bus,type,period,available_mw).

      Exit status: 0 optimal, 3 infeasible, 4 other solver outcome, 1 bad input.

      Examples:
        computegrid opf case30
        computegrid opf case30 --rate-scale 0.73 --json result.json
        computegrid opf case24_ieee_rts --periods 24 --rate-scale 0.5
        computegrid opf case300 --formulation ptdf
      """)

  @Argument(help: "MATPOWER case file (.m) or built-in case name.")
  var caseName: String

  @Option(help: "Multiply every bus PD (not GS) by S (default 1).")
  var loadScale: Double = 1

  @Option(help: "Multiply every RATE_A by R; 0 stays unlimited (default 1).")
  var rateScale: Double = 1

  @Option(help: "Network formulation: btheta (bus angles, sparse; default) or ptdf (PTDF line rows).")
  var formulation: DCOPFFormulation = .btheta

  @Option(help: "Number of hourly periods (default 1, or the number of rows of --profile).")
  var periods: Int?

  @Option(help: "CSV of per-period PD multipliers: header 'period,load_multiplier', periods 1…T.")
  var profile: String?

  @Option(help: "CSV of wind/solar availability: header 'name,bus,type,period,available_mw' (MW).")
  var renewables: String?

  @Option(
    help:
      "Write the result as JSON to this file ('-' for standard output), with build_seconds, solve_seconds and peak_memory_mib (VmHWM)."
  )
  var json: String?

  @Option(help: "Write the optimisation problem as QPS (for other solvers) to this file.")
  var exportQps: String?

  mutating func run() throws {
    let powerCase = try loadCase()
    let loadProfile: [Double]
    if let profile {
      loadProfile = try ProfileFiles.readLoadProfile(path: profile)
      if let periods, periods != loadProfile.count {
        throw ValidationError("--periods \(periods) disagrees with the \(loadProfile.count) rows of \(profile)")
      }
    } else if let periods {
      guard periods >= 1 else { throw ValidationError("--periods must be at least 1, got \(periods)") }
      loadProfile = periods == 1 ? [1] : DailyLoadShape.multipliers(periods: periods)
    } else {
      loadProfile = [1]
    }
    let units = try renewables.map { try ProfileFiles.readRenewables(path: $0, periods: loadProfile.count) } ?? []
    let input = DCOPFInput(
      powerCase: powerCase, periods: loadProfile.count, loadProfile: loadProfile, loadScale: loadScale,
      rateScale: rateScale, renewables: units, formulation: formulation)
    if let exportQps {
      let mps = try DCOPF.model(for: input).mpsModel()
      try MPSWriter.write(mps, toFile: exportQps)
      note("wrote \(exportQps) (\(mps.columnCount) columns, \(mps.rowCount) rows)")
    }
    note("solving \(powerCase.name): \(powerCase.buses.count) buses, \(input.periods) period(s), \(formulation.rawValue)…")
    let result = try DCOPF.solve(input)
    note(
      "\(result.status.rawValue) after \(result.report.iterations) iterations; build \(String(format: "%.3f", result.buildSeconds)) s, solve \(String(format: "%.3f", result.solveSeconds)) s"
    )
    if let json {
      let text = OPFReport.json(result, powerCase: powerCase, singlePeriod: input.periods == 1).serialised()
      if json == "-" { print(text) } else { try (text + "\n").write(toFile: json, atomically: true, encoding: .utf8) }
    }
    if json != "-" { print(OPFReport.text(result, powerCase: powerCase)) }
    switch result.status {
    case .optimal: return
    case .primalInfeasible, .dualInfeasible: throw ExitCode(3)
    default: throw ExitCode(4)
    }
  }

  private func loadCase() throws -> PowerCase {
    if caseName.hasSuffix(".m") || caseName.contains("/") {
      guard FileManager.default.fileExists(atPath: caseName) else { throw ValidationError("no such file: \(caseName)") }
      return try MATPOWERReader.read(contentsOf: URL(fileURLWithPath: caseName))
    }
    return try BuiltInCases.load(caseName)
  }
}

extension DCOPFFormulation: ExpressibleByArgument {}

/// JSON and text renderings of a DC-OPF result (units in keys and headers).
enum OPFReport {
  /// One object for a single-period run (the issue's format), or a `periods` array for a multi-period run.
  static func json(_ result: DCOPFResult, powerCase: PowerCase, singlePeriod: Bool) -> JSONValue {
    let periods = result.periods.map { period(result, $0, powerCase: powerCase) }
    // Timings and peak memory for benchmarks/opf_benchmark.py: build_seconds (network, factorization, model) and
    // solve_seconds (interior point) exclude reading the case and computing LMP components; peak_memory_mib is the
    // process' resident high-water mark (VmHWM) when the JSON is written, omitted where /proc is unavailable.
    let resources: [(String, JSONValue)] = peakMemoryMiB().map { [("peak_memory_mib", .number($0))] } ?? []
    let timings: [(String, JSONValue)] = [
      ("build_seconds", .number(result.buildSeconds)), ("solve_seconds", .number(result.solveSeconds)),
    ]
    if singlePeriod, let first = periods.first, case .object(let members) = first {
      return .object(members + timings + resources)
    }
    let solved = result.status == .optimal || result.status == .almostOptimal
    var members: [(String, JSONValue)] = [
      ("status", .string(result.status.rawValue)),
      ("objective", .optionalNumber(solved ? result.objectiveUSD : nil)),
    ]
    if !singlePeriod { members.append(("periods", .array(periods))) }
    members += timings
    if let message = result.infeasibilityMessage { members.append(("infeasibility", .string(message))) }
    return .object(members + resources)
  }

  /// VmHWM (peak resident set) of this process in MiB, from /proc/self/status (Linux); nil elsewhere.
  static func peakMemoryMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      if fields.count >= 2, let kib = Double(fields[1]) { return kib / 1024 }
    }
    return nil
  }

  private static func period(_ result: DCOPFResult, _ period: DCOPFPeriodResult, powerCase: PowerCase) -> JSONValue {
    func byBus(_ values: [Double]) -> JSONValue {
      .object(zip(powerCase.buses, values).filter { $0.1.isFinite }.map { (String($0.0.number), .number($0.1)) })
    }
    return .object([
      ("status", .string(result.status.rawValue)),
      ("objective", .number(period.objectiveUSDPerHour)),
      ("lmp", byBus(period.lmp)),
      ("lmp_energy", byBus(period.lmpEnergy)),
      ("lmp_congestion", byBus(period.lmpCongestion)),
      ("pg", .array(period.generatorMW.map { .number($0) })),
      ("flow", .array(period.branchFlowMW.map { .number($0) })),
      ("binding", .array(period.bindingBranches.map { .integer($0 + 1) })),
      ("binding_shadow_price", .array(period.bindingBranches.map { .number(period.branchShadowPriceUSDPerMWh[$0]) })),
      ("congestion_rent", .number(period.congestionRentUSDPerHour)),
      ("renewable", .array(period.renewableMW.map { .number($0) })),
      ("curtailment", .array(period.curtailmentMW.map { .number($0) })),
    ])
  }

  static func text(_ result: DCOPFResult, powerCase: PowerCase) -> String {
    var lines = ["case \(powerCase.name): status \(result.status.rawValue)"]
    guard result.status == .optimal || result.status == .almostOptimal else {
      if let message = result.infeasibilityMessage { lines.append(message) }
      return lines.joined(separator: "\n")
    }
    lines.append("total cost \(result.objectiveUSD) $ over \(result.periods.count) period(s)")
    for (t, period) in result.periods.enumerated() {
      lines.append("")
      lines.append(
        "period \(t + 1): cost \(period.objectiveUSDPerHour) $/h, congestion rent \(period.congestionRentUSDPerHour) $/h, \(period.bindingBranches.count) binding line(s)"
      )
      for row in period.bindingBranches {
        let branch = powerCase.branches[row]
        lines.append(
          "  binding: branch row \(row + 1) (\(branch.fromBus)→\(branch.toBus)) flow \(fixed(period.branchFlowMW[row])) MW, shadow price \(fixed(period.branchShadowPriceUSDPerMWh[row])) $/MWh"
        )
      }
      if t == 0 || result.periods.count == 1 {
        lines.append("  " + pad("bus", 8) + pad("LMP $/MWh", 14) + pad("energy $/MWh", 14) + "congestion $/MWh")
        for (k, bus) in powerCase.buses.enumerated() where period.lmp[k].isFinite {
          lines.append(
            "  " + pad(String(bus.number), 8) + pad(fixed(period.lmp[k]), 14) + pad(fixed(period.lmpEnergy[k]), 14)
              + fixed(period.lmpCongestion[k]))
        }
        lines.append("  " + pad("gen row", 8) + pad("bus", 8) + "Pg MW")
        for (row, generator) in powerCase.generators.enumerated() where generator.isInService {
          lines.append("  " + pad(String(row + 1), 8) + pad(String(generator.bus), 8) + fixed(period.generatorMW[row]))
        }
      } else {
        let finite = period.lmp.filter(\.isFinite)
        lines.append("  LMP range \(fixed(finite.min() ?? .nan)) … \(fixed(finite.max() ?? .nan)) $/MWh")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func fixed(_ value: Double) -> String { String(format: "%.4f", value) }
}
