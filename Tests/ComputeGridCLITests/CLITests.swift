import Foundation
import Testing

/// Runs the built `computegrid` executable (SwiftPM builds it next to the test bundle) and checks the examples
/// shown in `--help` and the README.
struct CLIRun {
  var status: Int32
  var output: String
  var error: String

  static var executable: URL {
    Bundle.main.bundleURL.appendingPathComponent("computegrid")
  }

  static func run(_ arguments: [String]) throws -> CLIRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self))
  }

  func json() throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  }
}

@Suite("computegrid command line")
struct CLITests {
  @Test func executableIsBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: CLIRun.executable.path), "\(CLIRun.executable.path)")
  }

  /// README example: the two-bus LP of solver.md §7.4 T2 (LMPs 10 and 30 $/MWh, cost 3000 $/h).
  @Test func solveTwoBusJSON() throws {
    let run = try CLIRun.run(["solve", "example:two-bus", "--json", "--price-grade"])
    #expect(run.status == 0, "\(run.error)")
    let json = try run.json()
    #expect(json["status"] as? String == "optimal")
    #expect(abs((json["objective"] as? Double ?? 0) - 3000) <= 1e-6)
    let duals = try #require(json["duals"] as? [String: Double])
    #expect(abs((duals["balance_A"] ?? 0) - 10) <= 1e-6 && abs((duals["balance_B"] ?? 0) - 30) <= 1e-6)
    let x = try #require(json["x"] as? [String: Double])
    #expect(abs((x["flow"] ?? 0) - 100) <= 1e-6)
    #expect(json["iterations"] is Int && json["solve_seconds"] is Double)
  }

  @Test func solveShortfallIsInfeasible() throws {
    let run = try CLIRun.run(["solve", "example:shortfall"])
    #expect(run.status == 3)
    #expect(run.output.contains("primal_infeasible") && run.output.contains("balance") && run.output.contains("g1 ≤ 100"))
  }

  @Test func solveReadsAnMPSFileAndReportsBadLines() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cg-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("t1.mps").path
    try """
      NAME T1
      ROWS
       N cost
       E balance
      COLUMNS
          g1 cost 10 balance 1
          g2 cost 30 balance 1
      RHS
          RHS balance 100
      BOUNDS
       UP BND g1 60
      ENDATA
      """.write(toFile: good, atomically: true, encoding: .utf8)
    let run = try CLIRun.run(["solve", good, "--json", "--price-grade"])
    let json = try run.json()
    #expect(abs((json["objective"] as? Double ?? 0) - 1800) <= 1e-6)
    #expect(abs(((json["duals"] as? [String: Double])?["balance"] ?? 0) - 30) <= 1e-6)
    #expect(abs(((json["reduced_costs"] as? [String: Double])?["g1"] ?? 0) + 20) <= 1e-6)
    let bad = folder.appendingPathComponent("bad.mps").path
    try "NAME B\nROWS\n N cost\nCOLUMNS\n    x cost abc\nENDATA\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let failure = try CLIRun.run(["solve", bad])
    #expect(failure.status != 0)
    #expect(failure.error.contains("bad.mps:5"), "\(failure.error)")
    let missing = try CLIRun.run(["solve", folder.appendingPathComponent("none.mps").path])
    #expect(missing.status != 0 && missing.error.contains("no such file"))
  }

  /// README example: case30 with --rate-scale 0.73 binds four lines (MATPOWER reference fixture).
  @Test func opfCase30JSON() throws {
    let run = try CLIRun.run(["opf", "case30", "--rate-scale", "0.73", "--json", "-"])
    #expect(run.status == 0, "\(run.error)")
    let json = try run.json()
    #expect(json["status"] as? String == "optimal")
    #expect(abs((json["objective"] as? Double ?? 0) - 576.0771906854588) <= 1e-6 * 576)
    #expect(json["binding"] as? [Int] == [10, 29, 30, 35])
    let lmp = try #require(json["lmp"] as? [String: Double])
    let energy = try #require(json["lmp_energy"] as? [String: Double])
    let congestion = try #require(json["lmp_congestion"] as? [String: Double])
    #expect(lmp.count == 30)
    for (bus, price) in lmp { #expect(abs((energy[bus] ?? .nan) + (congestion[bus] ?? .nan) - price) <= 1e-6) }
    #expect((json["pg"] as? [Double])?.count == 6 && (json["flow"] as? [Double])?.count == 41)
  }

  @Test func opfMultiPeriodAndErrors() throws {
    let run = try CLIRun.run(["opf", "case24_ieee_rts", "--periods", "3", "--json", "-"])
    #expect(run.status == 0, "\(run.error)")
    #expect((try run.json()["periods"] as? [Any])?.count == 3)
    let unknown = try CLIRun.run(["opf", "case9999"])
    #expect(unknown.status != 0 && unknown.error.contains("available"))
    let negative = try CLIRun.run(["opf", "case30", "--rate-scale=-2"])
    #expect(negative.status != 0 && negative.error.contains("rate scale"))
    let infeasible = try CLIRun.run(["opf", "case30", "--load-scale", "3"])
    #expect(infeasible.status == 3 && infeasible.output.contains("Infeasible"))
  }

  @Test func helpExplainsUnits() throws {
    let run = try CLIRun.run(["opf", "--help"])
    #expect(run.output.contains("$/MWh") && run.output.contains("MW"))
  }

  /// The scenario printed by `scenario show` is valid input for `scenario check` after editing.
  @Test func scenarioShowAndCheck() throws {
    let list = try CLIRun.run(["scenario", "list"])
    #expect(list.output.contains("ieee30-4dc"))
    let show = try CLIRun.run(["scenario", "show", "ieee30-4dc"])
    #expect(show.status == 0 && show.output.contains("\"data_centers\""))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cg-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.json").path
    try show.output.replacingOccurrences(of: "\"cop\": 3.2", with: "\"cop\": 0").write(
      toFile: bad, atomically: true, encoding: .utf8)
    let check = try CLIRun.run(["scenario", "check", bad])
    #expect(check.status != 0 && check.error.contains("data_centers[1].cop"), "\(check.error)")
  }

  /// `coordinate` on a 4-hour cut of ieee30-4dc writes summary.json with the fields and the CSV tables.
  @Test func coordinateWritesSummaryAndTables() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cg-coordinate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let full = try CLIRun.run(["scenario", "show", "ieee30-4dc"])
    var json = try #require(JSONSerialization.jsonObject(with: Data(full.output.utf8)) as? [String: Any])
    func cut(_ value: Any?) -> [Double] { Array((value as? [Double] ?? []).prefix(4)) }
    json["periods"] = 4
    json["load_shape"] = cut(json["load_shape"])
    json["renewables"] = (json["renewables"] as? [[String: Any]] ?? []).map { var unit = $0; unit["shape"] = cut(unit["shape"]); return unit }
    json["data_centers"] = (json["data_centers"] as? [[String: Any]] ?? []).map { center -> [String: Any] in
      var copy = center
      for key in ["interactive_arrivals", "batch_arrivals", "outdoor_temperature_c"] { copy[key] = cut(center[key]) }
      copy["batch_deadline_hours"] = 2
      return copy
    }
    let scenario = folder.appendingPathComponent("four-hours.json")
    try JSONSerialization.data(withJSONObject: json).write(to: scenario)
    let out = folder.appendingPathComponent("out").path
    let run = try CLIRun.run(["coordinate", scenario.path, "--market", "none", "--out", out])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("admm 1:"))
    let summaryData = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("summary.json"))
    let summary = try #require(JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
    for key in [
      "scenario", "market", "coordination", "converged", "bilevel_iterations", "oscillations", "joint_gap_lmp",
      "total_profit_usd", "profit_usd", "energy_mwh", "seconds",
    ] {
      #expect(summary[key] != nil, "summary.json lacks \(key)")
    }
    #expect(summary["converged"] as? Bool == true)
    #expect((summary["joint_gap_lmp"] as? Double ?? .infinity) <= 0.1)
    #expect((summary["profit_usd"] as? [String: Double])?.count == 4)
    for (table, rows) in [("lmp.csv", 4 * 30), ("data_centers.csv", 4 * 4), ("iterations.csv", 1)] {
      let text = try String(contentsOfFile: URL(fileURLWithPath: out).appendingPathComponent(table).path, encoding: .utf8)
      #expect(text.split(separator: "\n").count >= rows + 1, "\(table) has too few rows")
    }
    // No line binds in the four night hours of ieee30-4dc: lines.csv holds its header only.
    let lines = try String(contentsOfFile: URL(fileURLWithPath: out).appendingPathComponent("lines.csv").path, encoding: .utf8)
    #expect(lines.hasPrefix("hour,branch_row"))
    let bad = try CLIRun.run(["coordinate", "ieee30-4dc", "--market", "magic", "--out", out])
    #expect(bad.status != 0 && bad.error.contains("--market"))
    // The study on the same cut: report.html with its charts, study.json and both runs' tables.
    let studyFolder = folder.appendingPathComponent("study").path
    let study = try CLIRun.run(["study", scenario.path, "--market", "central", "--out", studyFolder])
    #expect(study.status == 0, "\(study.error)")
    let page = try String(contentsOfFile: studyFolder + "/report.html", encoding: .utf8)
    #expect(page.components(separatedBy: "<svg").count - 1 >= 8, "report.html should hold every chart")
    #expect(page.contains("Daily profit per data center"))
    let studyJSON = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: studyFolder + "/study.json"))) as? [String: Any])
    for key in ["profit_usd", "energy_before_mwh", "energy_after_mwh", "traded_iw", "bilevel_iterations_after"] {
      #expect(studyJSON[key] != nil, "study.json lacks \(key)")
    }
    for table in ["baseline/summary.json", "market/summary.json", "market/trades.csv", "study.csv"] {
      #expect(FileManager.default.fileExists(atPath: studyFolder + "/" + table), "missing \(table)")
    }
  }
}
