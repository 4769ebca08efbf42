import Foundation
import Scenarios
import Testing

@testable import HyperscalerMarket

/// Bad input gets an error that names the file, the field and the value — never a crash.
@Suite struct InputErrorTests {
  static func builtInText() throws -> String {
    let folder = try #require(EquilibriumScenario.builtInFolder)
    return try ScenarioJSON.read(folder.appendingPathComponent("rts24-mdc.json").path)
  }

  static func load(_ text: String) throws -> MarketCase {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    return try EquilibriumScenario.load(file.path).makeCase(file: file.lastPathComponent)
  }

  static func message(_ body: () throws -> Any) -> String {
    do {
      _ = try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func unknownScenarioListsTheBuiltIns() {
    let text = Self.message { try EquilibriumScenario.load("rts25") }
    #expect(text.contains("no such scenario") && text.contains("rts24-mdc"), "\(text)")
  }

  @Test func malformedFieldsAreNamed() throws {
    let original = try Self.builtInText()
    let cases: [(String, String, [String])] = [
      ("\"capacity\": 45,", "\"capacity\": \"lots\",", ["sites[0].capacity", "expected"]),
      ("\"capacity\": 45,", "\"capacity\": -45,", ["sites[0].capacity", "-45", "negative"]),
      ("\"bus\": 14,", "\"bus\": 99,", ["sites[0].bus", "unknown bus 99"]),
      ("\"wind_farm\": \"W3\"", "\"wind_farm\": \"W4\"", ["sites[2].wind_farm", "W4"]),
      ("\"hub_bus\": 13,", "\"hub_bus\": 130,", ["network.hub_bus", "130"]),
      ("\"carbon_price\": 50,", "", ["carbon_price", "missing"]),
      ("\"H1\": 5, \"H2\": 15,", "\"H2\": 15,", ["regions[0].latency_ms", "H1"]),
    ]
    for (find, replace, expected) in cases {
      let broken = original.replacingOccurrences(of: find, with: replace)
      #expect(broken != original, "fixture did not change: \(find)")
      let text = Self.message { try Self.load(broken) }
      for fragment in expected { #expect(text.contains(fragment), "\(find) → \(replace): \(text)") }
    }
  }

  @Test func invalidTermsAreRejected() throws {
    let market = try rts24Case()
    let alpha = Self.message { try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 1.5)) }
    #expect(alpha.contains("alpha = 1.5"), "\(alpha)")
    let ppa = Self.message { try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 0.5, ppaShare: 1.5)) }
    #expect(ppa.contains("PPA share = 1.5"), "\(ppa)")
    let intensity = Self.message { try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 0.5, disclosure: .exPost)) }
    #expect(intensity.contains("ex-post") && intensity.contains("ēdef"), "\(intensity)")
    var negative = market
    negative.sites[3].capacity = -1
    let capacity = Self.message { try EquilibriumSolver.solve(negative, terms: MarketTerms(alpha: 0.5)) }
    #expect(capacity.contains("site M2") && capacity.contains("-1.0"), "\(capacity)")
    let hour = Self.message { try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 0.5), settings: settings(hours: [24])) }
    #expect(hour.contains("hour 25"), "\(hour)")
  }
}
