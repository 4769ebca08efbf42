import ArgumentParser

@main
struct ComputeGrid: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "computegrid",
    abstract: "Price and schedule the electricity use of data-center fleets on a transmission grid.",
    subcommands: [
      SolveCommand.self, OPFCommand.self, CoordinateCommand.self, StudyCommand.self, EquilibriumCommand.self,
      ScenarioCommand.self, BenchCommand.self, EquilibriumBenchCommand.self,
    ]
  )
}
