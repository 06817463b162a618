import InspectionCore

extension InspectionStore {
    /// The contractor whose name is `name` once both are in NFC (however either was typed),
    /// or nil. Queries then use the name as stored, so SQL's byte comparison agrees.
    public func contractor(named name: String) throws -> Contractor? {
        try contractors().first { UserText.sameName($0.name, name) }
    }

    /// The contractor a typed name means: the one with that name (in NFC), else the only one
    /// whose name contains it (`明远`); none or several fitting is refused with the close names.
    public func resolveContractor(_ typed: String) throws -> Contractor {
        try ContractorRules.resolve(typed, among: try contractors())
    }

    /// `contractor(named:)`, or `InspectionError.unknownContractor`.
    public func requireContractor(named name: String) throws -> Contractor {
        guard let contractor = try contractor(named: name) else { throw InspectionError.unknownContractor(name) }
        return contractor
    }
}
