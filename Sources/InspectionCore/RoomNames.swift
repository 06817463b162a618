extension ChecklistSet {
    /// A room of a unit in `language`: rooms are stored by their Chinese name (the key), and
    /// the unit's floor plan names them in both languages.
    public func roomName(_ key: String, unitType: String, language: Language) -> String {
        self.unitType(unitType)?.rooms.first { $0.key == key }?.name.text(language) ?? key
    }
}
