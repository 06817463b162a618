/// How close the project is to delivery (可交付率, the readiness rate, which stands in for the
/// one-time delivery success rate 一次交付成功率 before delivery). A unit is ready when none of
/// its defects is open or rectified-but-unchecked (waived defects, which have a unified
/// answer, do not block) and it has been inspected in at least `RoundRules.minimumRounds`
/// rounds: a unit walked once has few defects on record, but that alone proves nothing.
public struct Readiness: Hashable, Sendable, Codable {
    public var units: Int
    public var ready: Int
    public var target: Double
    /// Codes of the units with a defect still open or awaiting re-check, in layout order.
    public var blockingUnits: [String]
    /// Codes of the units inspected in fewer rounds than the minimum, in layout order, with
    /// the number of rounds each was inspected in.
    public var lackingRounds: [String]
    public var roundsInspected: [String: Int]

    public init(units: Int, ready: Int, target: Double, blockingUnits: [String], lackingRounds: [String] = [],
                roundsInspected: [String: Int] = [:]) {
        self.units = units
        self.ready = ready
        self.target = target
        self.blockingUnits = blockingUnits
        self.lackingRounds = lackingRounds
        self.roundsInspected = roundsInspected
    }

    /// 可交付率: ready units over all units.
    public var rate: Double { units == 0 ? 0 : Double(ready) / Double(units) }
    public var meetsTarget: Bool { units > 0 && rate + 1e-12 >= target }

    /// The project may be called ready for delivery: the rate meets the target (every ready
    /// unit has had its rounds) and at least three rounds are closed.
    public func readyForDelivery(roundsClosed: Int) -> Bool {
        meetsTarget && roundsClosed >= RoundRules.minimumRounds
    }

    /// Readiness of `unitCodes` (in layout order) given how many blocking defects each has
    /// and how many closed rounds inspected it (a round closed partially does not count for
    /// the units it did not reach).
    public static func compute(unitCodes: [String], blockingDefects: [String: Int], roundsInspected: [String: Int],
                               target: Double) -> Readiness {
        let blocking = unitCodes.filter { (blockingDefects[$0] ?? 0) > 0 }
        let lacking = unitCodes.filter { (roundsInspected[$0] ?? 0) < RoundRules.minimumRounds }
        let notReady = Set(blocking).union(lacking)
        return Readiness(units: unitCodes.count, ready: unitCodes.count - notReady.count, target: target, blockingUnits: blocking,
                         lackingRounds: lacking, roundsInspected: roundsInspected.filter { lacking.contains($0.key) })
    }
}
