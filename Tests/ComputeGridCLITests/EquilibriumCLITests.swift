import Foundation
import Testing

/// `computegrid equilibrium` on the built-in rts24-mdc case: the examples of its --help, the §8 standard output set
/// checked against itself, and the bad-input messages.
@Suite("computegrid equilibrium")
struct EquilibriumCLITests {
  /// Columns of hyperscaler-market.md §8 "Standard output set of one run", plus routing.csv.
  static let headers: [String: [String]] = [
    "buses.csv": [
      "t", "bus", "lmp_usd_per_mwh", "hub_usd_per_mwh", "congestion_component_usd_per_mwh", "demand_mw", "injection_mw",
    ],
    "lines.csv": [
      "t", "branch", "from_bus", "to_bus", "is_tie", "flow_mw", "limit_mw", "lambda_plus", "lambda_minus", "binding",
    ],
    "units.csv": [
      "t", "unit", "bus", "type", "output_mw", "available_mw", "curtailment_mw", "co2_t", "beta", "attributes_sold_mwh",
      "gamma", "premium_usd_per_mwh",
    ],
    "sites.csv": [
      "t", "site", "bus", "kind", "load_mreq_per_h", "energy_mw", "lease_price_usd_per_mreq",
      "capacity_rent_usd_per_mreq", "attr_covered_mwh", "uncovered_mwh", "psi", "declared_intensity", "utilization",
    ],
    "regions.csv": ["t", "region", "demand_mreq_per_h", "served", "unserved", "mean_latency_ms", "nu", "zeta"],
    "routing.csv": ["t", "region", "site", "requests_mreq_per_h", "latency_ms"],
  ]
  /// (file, rows) of rts24-mdc: 24 hours × 30 buses, 44 branches, 38 units, 8 sites, 3 regions, 19 pairs.
  static let rowCounts = [
    "buses.csv": 24 * 30, "lines.csv": 24 * 44, "units.csv": 24 * 38, "sites.csv": 24 * 8, "regions.csv": 24 * 3,
    "routing.csv": 24 * 19, "lmp.csv": 24,
  ]

  /// The example command lines of `computegrid equilibrium --help`, as argument lists without the program name.
  static func helpExamples() throws -> [[String]] {
    let help = try CLIRun.run(["equilibrium", "--help"])
    let lines = help.output.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasPrefix("Examples:") })
    return lines[(start + 1)...].prefix { $0.hasPrefix("  computegrid equilibrium") }.map {
      Array($0.split(separator: " ").map(String.init).dropFirst())
    }
  }

  static func temporaryFolder(_ tag: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cg-eq-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Runs a --help example with its --out folder moved under `folder`.
  static func runExample(_ arguments: [String], in folder: URL) throws -> (CLIRun, URL) {
    var arguments = arguments
    let out = folder.appendingPathComponent("out")
    if let index = arguments.firstIndex(of: "--out") { arguments[index + 1] = out.path }
    return (try CLIRun.run(arguments), out)
  }

  /// A CSV table as its header and rows of cells.
  static func table(_ folder: URL, _ name: String) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (lines.first ?? [], Array(lines.dropFirst()))
  }

  static func summary(_ folder: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
    return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func close(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
    abs(a - b) <= relative * max(1, abs(a), abs(b))
  }

  @Test func helpTeachesTheModelAndHasExamples() throws {
    let help = try CLIRun.run(["equilibrium", "--help"])
    #expect(help.status == 0)
    for word in ["$/MWh", "Mreq/h", "S0", "EP+PPA", "EA+PPA", "buses.csv", "summary.json", "report.html", "MDC"] {
      #expect(help.output.contains(word), "--help lacks \(word)")
    }
    let examples = try Self.helpExamples()
    #expect(examples.count >= 2)
    let list = try CLIRun.run(["equilibrium", "--list"])
    #expect(list.status == 0 && list.output.contains("rts24-mdc"))
  }

  /// The first --help example (S0 at the scenario's α = 0.5): every file, the §8 headers, summary.json, and the
  /// summary's congestion, emission and energy figures recomputed from the CSV tables.
  @Test func s0ExampleWritesTheStandardOutputSet() throws {
    let folder = try Self.temporaryFolder("s0")
    defer { try? FileManager.default.removeItem(at: folder) }
    let example = try #require(try Self.helpExamples().first { !$0.contains("--disclosure") && $0.contains("--out") })
    let (run, out) = try Self.runExample(example, in: folder)
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("S0 at α = 0.5") && run.error.contains("solved 24 hours in"), "\(run.error)")
    for (name, header) in Self.headers {
      #expect(try Self.table(out, name).header == header, "\(name) header")
    }
    for (name, count) in Self.rowCounts {
      #expect(try Self.table(out, name).rows.count == count, "\(name) rows")
    }
    let summary = try Self.summary(out)
    for key in [
      "alpha", "disclosure", "scenario", "status", "iterations", "max_kkt_residual", "congestion_rent_usd",
      "congestion_rent_backbone_usd", "congestion_rent_ties_usd", "binding_line_hours", "binding_line_hours_backbone",
      "binding_line_hours_ties", "physical_co2_t", "reported_co2_t", "location_based_co2_t", "reshuffling_gap_t",
      "conventional_residual_co2_t", "curtailment_mwh", "hyperscaler_cost_usd", "hyperscaler_energy_mwh",
      "unserved_mreq", "qp_gap_price", "solve_seconds", "route", "degenerate_pairs", "proposed_values",
    ] {
      #expect(summary[key] != nil, "summary.json lacks \(key)")
    }
    #expect(summary["status"] as? String == "solved")
    #expect(summary["scenario"] as? String == "S0" && summary["alpha"] as? Double == 0.5)
    #expect((summary["max_kkt_residual"] as? Double ?? 1) <= 1e-6)
    #expect((summary["qp_gap_price"] as? Double ?? 1) <= 1e-6)
    #expect((summary["proposed_values"] as? [String: Any])?["mlcp_tolerance"] as? Double == 1e-12)

    // (H34)/(H35) from lines.csv: CR = Σ limit·(λ⁺ + λ⁻), BLH = Σ binding.
    let lines = try Self.table(out, "lines.csv").rows
    let rent = lines.reduce(0.0) { $0 + Double($1[6])! * (Double($1[7])! + Double($1[8])!) }
    let tieRent = lines.filter { $0[4] == "1" }.reduce(0.0) { $0 + Double($1[6])! * (Double($1[7])! + Double($1[8])!) }
    #expect(Self.close(rent, summary["congestion_rent_usd"] as? Double ?? 0))
    #expect(Self.close(tieRent, summary["congestion_rent_ties_usd"] as? Double ?? 0))
    #expect(lines.filter { $0[9] == "1" }.count == summary["binding_line_hours"] as? Int)
    #expect(lines.allSatisfy { abs(Double($0[5])!) <= Double($0[6])! * (1 + 1e-9) }, "a flow exceeds its limit")
    // buses.csv: the hub price is the LMP of the hub bus 13 (H13 with PTDF[:, 13] = 0); lmp.csv holds the same
    // LMPs, one row per hour; CR = −Σ p·inj (V8).
    let buses = try Self.table(out, "buses.csv").rows
    for row in buses where row[1] == "13" {
      #expect(abs(Double(row[2])! - Double(row[3])!) <= 1e-9 * max(1, abs(Double(row[2])!)), "hour \(row[0])")
    }
    let lmp = try Self.table(out, "lmp.csv")
    for row in buses {
      let column = try #require(lmp.header.firstIndex(of: "bus_\(row[1])"))
      let hour = try #require(Int(row[0]))
      #expect(Double(lmp.rows[hour - 1][column]) == Double(row[2]), "lmp.csv t \(hour) bus \(row[1])")
    }
    let surplus = -buses.reduce(0.0) { $0 + Double($1[2])! * Double($1[6])! }
    #expect(Self.close(surplus, rent, relative: 1e-5), "merchandising surplus \(surplus) vs CR \(rent)")
    // (H19), (H36), (H21) from units.csv and sites.csv.
    let units = try Self.table(out, "units.csv").rows
    #expect(Self.close(units.reduce(0.0) { $0 + Double($1[7])! }, summary["physical_co2_t"] as? Double ?? 0))
    #expect(Self.close(units.reduce(0.0) { $0 + Double($1[6])! }, summary["curtailment_mwh"] as? Double ?? 0))
    let sites = try Self.table(out, "sites.csv").rows
    let energy = try #require(summary["hyperscaler_energy_mwh"] as? [String: Double])
    for (site, value) in energy {
      #expect(Self.close(sites.filter { $0[1] == site }.reduce(0.0) { $0 + Double($1[5])! }, value), "energy of \(site)")
    }
    // Every request is served: regions.csv served + unserved = demand.
    let regions = try Self.table(out, "regions.csv").rows
    #expect(regions.allSatisfy { abs(Double($0[3])! + Double($0[4])! - Double($0[2])!) <= 1e-6 })

    let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(page.components(separatedBy: "<svg").count - 1 >= 7, "report.html should hold every chart")
    #expect(page.contains("LMP by bus and hour") && page.contains("α = 0.5") && !page.contains("<script"))
  }

  /// The EP example of --help: reshuffling (§6.3) — physical emissions equal S0's, reports drop to zero.
  @Test func exPostExampleShowsReshuffling() throws {
    let folder = try Self.temporaryFolder("ep")
    defer { try? FileManager.default.removeItem(at: folder) }
    let example = try #require(try Self.helpExamples().first { $0.contains("ex-post") })
    let (run, out) = try Self.runExample(example, in: folder)
    #expect(run.status == 0, "\(run.error)")
    let summary = try Self.summary(out)
    #expect(summary["scenario"] as? String == "EP" && summary["disclosure"] as? String == "ex-post")
    let baseline = try #require(summary["s0_baseline"] as? [String: Any])
    let physical = summary["physical_co2_t"] as? Double ?? 0
    #expect(Self.close(physical, baseline["physical_co2_t"] as? Double ?? 0))
    #expect((summary["reported_co2_t"] as? Double ?? 1) <= 1e-6 * (summary["location_based_co2_t"] as? Double ?? 0))
    #expect((summary["qp_gap_price"] as? Double ?? 1) <= 1e-6)
  }

  /// EA (§6.4): the reported emissions equal Σ declared_intensity × energy_mw over sites.csv (H23), recomputed here
  /// from the files, and the MDCs that declare zero are those whose wind exceeds their tie by a full MDC load.
  @Test func exAnteReportsTheDeclaredIntensities() throws {
    let folder = try Self.temporaryFolder("ea")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    let run = try CLIRun.run(["equilibrium", "rts24-mdc", "--disclosure", "ex-ante", "--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    let summary = try Self.summary(out)
    #expect(summary["scenario"] as? String == "EA")
    let sites = try Self.table(out, "sites.csv")
    let intensity = try #require(sites.header.firstIndex(of: "declared_intensity"))
    let energy = try #require(sites.header.firstIndex(of: "energy_mw"))
    let declared = sites.rows.reduce(0.0) { $0 + (Double($1[intensity]) ?? .nan) * (Double($1[energy]) ?? .nan) }
    let reported = try #require(summary["reported_co2_t"] as? Double)
    #expect(Self.close(declared, reported), "Σ εA·E = \(declared), reported \(reported)")
    #expect(reported < (summary["location_based_co2_t"] as? Double ?? 0))
  }

  @Test func badInputsGiveClearMessages() throws {
    let folder = try Self.temporaryFolder("bad")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out").path
    let unknown = try CLIRun.run(["equilibrium", "rts99", "--out", out])
    #expect(unknown.status != 0 && unknown.error.contains("rts24-mdc"), "\(unknown.error)")
    let alpha = try CLIRun.run(["equilibrium", "rts24-mdc", "--alpha", "2", "--out", out])
    #expect(alpha.status != 0 && alpha.error.contains("--alpha") && alpha.error.contains("[0, 1]"), "\(alpha.error)")
    let disclosure = try CLIRun.run(["equilibrium", "rts24-mdc", "--disclosure", "foo", "--out", out])
    #expect(disclosure.status != 0 && disclosure.error.contains("none, ex-post or ex-ante"), "\(disclosure.error)")
    let ppa = try CLIRun.run(["equilibrium", "rts24-mdc", "--ppa", "0.5", "--out", out])
    #expect(ppa.status != 0 && ppa.error.contains("--ppa") && ppa.error.contains("--disclosure"), "\(ppa.error)")
    let route = try CLIRun.run(["equilibrium", "rts24-mdc", "--route", "lp", "--out", out])
    #expect(route.status != 0 && route.error.contains("mlcp, qp or gap-qp"), "\(route.error)")
    let experiment = try CLIRun.run(["equilibrium", "rts24-mdc", "--experiment", "e9", "--out", out])
    #expect(experiment.status != 0 && experiment.error.contains("e1, e2-e4, e5 or all"), "\(experiment.error)")
    let mixed = try CLIRun.run(["equilibrium", "rts24-mdc", "--experiment", "e1", "--alpha", "0.3", "--out", out])
    #expect(mixed.status != 0 && mixed.error.contains("drop --alpha"), "\(mixed.error)")
    let stack = try CLIRun.run(["equilibrium", "rts24-mdc", "--route", "qp", "--stack-hours", "--out", out])
    #expect(stack.status != 0 && stack.error.contains("--stack-hours"), "\(stack.error)")
    let noOut = try CLIRun.run(["equilibrium", "rts24-mdc"])
    #expect(noOut.status != 0 && noOut.error.contains("--out"), "\(noOut.error)")
    #expect(!FileManager.default.fileExists(atPath: out), "a rejected run must not create its folder")
  }
}
