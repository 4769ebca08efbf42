import DataCenters
import Foundation
import Testing

@testable import Scenarios

@Suite("Scenario files")
struct ScenarioTests {
  /// The built-in case of datacenter-market.md §8: four data centers at buses 4, 13, 17, 24; 24 hours; two wind
  /// and two PV farms; the table values of §8.4 and §8.6.
  @Test func builtInScenarioMatchesTheSpec() throws {
    #expect(Scenario.builtInNames.contains("ieee30-4dc"))
    let scenario = try Scenario.load("ieee30-4dc")
    #expect(scenario.periods == 24)
    #expect(scenario.dataCenters.map(\.bus) == [4, 13, 17, 24])
    #expect(scenario.dataCenters.map(\.cop) == [5.0, 3.2, 3.0, 4.5])
    #expect(scenario.dataCenters[0].interactiveArrivals.reduce(0, +) == 70864)
    #expect(scenario.renewables.map(\.bus) == [5, 11, 5, 7])
    let powerCase = try scenario.powerCase()
    #expect(!powerCase.generators[4].isInService && !powerCase.generators[5].isInService)
    let rating = powerCase.branches.first { $0.fromBus == 4 && $0.toBus == 12 }?.rateAMVA
    #expect(rating == 37)
    if case .polynomial(let a, let b, _) = powerCase.generatorCosts?[0].curve {
      #expect(abs(a - 0.4) <= 1e-12 && abs(b - 40) <= 1e-12)
    } else {
      Issue.record("expected a polynomial cost")
    }
  }

  @Test func printedTextLoadsBack() throws {
    let (text, _) = try Scenario.text(of: "ieee30-4dc")
    #expect(try Scenario.decode(text, file: "copy.json") == Scenario.load("ieee30-4dc"))
  }

  /// Bad files are rejected with the field path and value at fault.
  @Test func validationNamesTheField() throws {
    let (text, _) = try Scenario.text(of: "ieee30-4dc")
    func expectError(_ edited: String, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
      do {
        _ = try Scenario.decode(edited, file: "bad.json")
        Issue.record("accepted a bad scenario", sourceLocation: sourceLocation)
      } catch let error as ScenarioError {
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("bad.json: \(field)"), sourceLocation: sourceLocation)
      } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
      }
    }
    expectError(text.replacingOccurrences(of: "\"cop\": 3.2", with: "\"cop\": -3.2"), field: "data_centers[1].cop")
    expectError(text.replacingOccurrences(of: "\"servers\": 80000,", with: ""), field: "data_centers[0].servers")
    expectError(text.replacingOccurrences(of: "\"periods\": 24", with: "\"periods\": 23"), field: "load_shape")
    expectError(text.replacingOccurrences(of: "\"method\": \"admm\"", with: "\"method\": \"magic\""), field: "coordination.method")
    expectError(text.replacingOccurrences(of: "\"delay_bound\": 0.05", with: "\"delay_bound\": 0.005"), field: "data_centers[0].delay_bound")
    expectError(text.replacingOccurrences(of: "\"servers\": 80000", with: "\"servers\": \"many\""), field: "data_centers[0].servers")
  }

  @Test func unknownBusIsNamed() throws {
    let (text, _) = try Scenario.text(of: "ieee30-4dc")
    let scenario = try Scenario.decode(text.replacingOccurrences(of: "\"bus\": 24,", with: "\"bus\": 99,"), file: "bad.json")
    #expect(throws: ScenarioError(file: "bad.json", field: "data_centers[3].bus", message: "unknown bus 99")) {
      try scenario.powerCase(file: "bad.json")
    }
  }
}
