/// How close the project is to delivery: a unit is ready when none of its defects is open
/// or rectified-but-unchecked (waived defects, which have a unified answer, do not block).
public struct Readiness: Hashable, Sendable, Codable {
    public var units: Int
    public var ready: Int
    public var target: Double
    /// Codes of the units that are not ready, in layout order.
    public var blockingUnits: [String]

    public init(units: Int, ready: Int, target: Double, blockingUnits: [String]) {
        self.units = units
        self.ready = ready
        self.target = target
        self.blockingUnits = blockingUnits
    }

    public var rate: Double { units == 0 ? 0 : Double(ready) / Double(units) }
    public var meetsTarget: Bool { units > 0 && rate + 1e-12 >= target }

    /// The project may be called ready for delivery: the rate meets the target and at least
    /// three rounds are closed (a unit nobody has walked has no defects, but that alone
    /// proves nothing).
    public func readyForDelivery(roundsClosed: Int) -> Bool {
        meetsTarget && roundsClosed >= RoundRules.minimumRounds
    }

    /// Readiness of `unitCodes` (in layout order) given how many blocking defects each has.
    public static func compute(unitCodes: [String], blockingDefects: [String: Int], target: Double) -> Readiness {
        let blocking = unitCodes.filter { (blockingDefects[$0] ?? 0) > 0 }
        return Readiness(units: unitCodes.count, ready: unitCodes.count - blocking.count, target: target, blockingUnits: blocking)
    }
}
