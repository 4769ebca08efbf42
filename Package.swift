// swift-tools-version: 6.0
// ComputeGrid: pricing and scheduling the electricity use of data-center fleets on a transmission grid.
// Layers (see ../shared/spec/architecture.md): SparseAlgebra → Optimization → PowerGrid → … → computegrid.
import PackageDescription

let package = Package(
  name: "ComputeGrid",
  products: [
    .executable(name: "computegrid", targets: ["computegrid"]),
    .library(name: "SparseAlgebra", targets: ["SparseAlgebra"]),
    .library(name: "Optimization", targets: ["Optimization"]),
    .library(name: "PowerGrid", targets: ["PowerGrid"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .target(name: "SparseAlgebra", exclude: ["README.md"]),
    .target(name: "Optimization", dependencies: ["SparseAlgebra"], exclude: ["README.md"]),
    // MATPOWER cases are copied as one folder so BuiltInCases can list them by file name.
    .target(
      name: "PowerGrid", dependencies: ["SparseAlgebra", "Optimization"], exclude: ["README.md"],
      resources: [.copy("Resources/cases")]),
    .target(name: "DataCenters", dependencies: ["Optimization"], exclude: ["README.md"]),
    .target(
      name: "Scenarios", dependencies: ["DataCenters", "PowerGrid"], exclude: ["README.md"],
      resources: [.copy("Resources/scenarios")]),
    .target(name: "CloudMarket", dependencies: ["DataCenters", "Optimization"], exclude: ["README.md"]),
    .target(
      name: "Coordination", dependencies: ["Scenarios", "DataCenters", "CloudMarket", "PowerGrid", "Optimization"],
      exclude: ["README.md"]),
    .target(name: "HyperscalerMarket", dependencies: ["Optimization", "PowerGrid", "Scenarios"], exclude: ["README.md"],
      resources: [.copy("Resources/scenarios")]),
    // Plain data in, CSV/HTML/SVG out: imports no other ComputeGrid module.
    .target(name: "Reports", exclude: ["README.md"]),
    .executableTarget(
      name: "computegrid",
      dependencies: [
        "Optimization",
        "PowerGrid",
        "Scenarios",
        "DataCenters",
        "Coordination",
        "CloudMarket",
        "Reports",
        "HyperscalerMarket",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "SparseAlgebraTests", dependencies: ["SparseAlgebra"]),
    .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "SparseAlgebra"]),
    .testTarget(name: "DataCentersTests", dependencies: ["DataCenters", "Optimization"]),
    .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "DataCenters"]),
    .testTarget(name: "CloudMarketTests", dependencies: ["CloudMarket", "DataCenters", "Optimization"]),
    .testTarget(
      name: "CoordinationTests", dependencies: ["Coordination", "CloudMarket", "Scenarios", "DataCenters", "PowerGrid"]),
    // Runs the built executable: the examples of the README and of --help.
    .testTarget(name: "ComputeGridCLITests", dependencies: ["computegrid"]),
    .testTarget(
      name: "PowerGridTests", dependencies: ["PowerGrid", "SparseAlgebra", "Optimization"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
    .testTarget(
      name: "HyperscalerMarketTests", dependencies: ["HyperscalerMarket", "Optimization", "PowerGrid", "SparseAlgebra"]),
  ]
)
