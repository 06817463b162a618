import Foundation
import InspectionCore
import PropertyBased
import Testing

@Suite struct MarkCodeTests {
    @Test func typedLowerCaseOrWithoutTheDashIsTheSameCode() {
        #expect(MarkCode("2k7p3q")?.text == "2-K7P3Q")
        #expect(MarkCode("2-k7p3q")?.text == "2-K7P3Q")
        #expect(MarkCode(" 2-K7P3Q ")?.text == "2-K7P3Q")
        #expect(MarkCode("12-K7P3Q")?.text == "12-K7P3Q")
        // Without a dash the round is the first digit; an older code of round 12 typed so is
        // one of the readings the store tries.
        #expect(MarkCode("12k7p3q")?.text == "1-2K7P3Q")
        #expect(MarkCode.readings("12k7p3q").map(\.text) == ["1-2K7P3Q", "12-K7P3Q"])
        #expect(MarkCode("2-K7P3Q")?.round == 2)
        // Codes of joined replicas are longer by their tag.
        #expect(MarkCode("2kab7p3")?.text == "2-KAB7P3")
        #expect(MarkCode("2-KAB7P3Q")?.text == "2-KAB7P3Q")  // a replica two joins below the first
        #expect(MarkCode("2-KAB7P3QR") == nil)  // eight characters: no replica is that deep
    }

    @Test func misreadableCharactersAndBadRoundsAreNotCodes() {
        #expect(MarkCode("2-K7P3O") == nil)  // O reads as 0
        #expect(MarkCode("2-K7P3I") == nil)
        #expect(MarkCode("2-K7P3L") == nil)
        #expect(MarkCode("2-K7P3U") == nil)
        #expect(MarkCode("2-K7P30") == nil)
        #expect(MarkCode("2-K7P3") == nil)
        #expect(MarkCode("0-K7P3Q") == nil)
        #expect(MarkCode("02-K7P3Q") == nil)
        #expect(MarkCode("1000-K7P3Q") == nil)
        #expect(MarkCode("") == nil)
        #expect(MarkCode("K7P3Q") == nil)
    }

    @Test func codesAreShortASCIIAndReadBackHoweverTyped() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...999), Gen.uint64()) { round, seed in
            var generator = SeededGenerator(seed: seed)
            let code = MarkCode.random(round: round, using: &generator)
            #expect(code.text.count <= 10)
            #expect(code.text.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(code.round == round)
            #expect(code.text.hasPrefix("\(round)-"))
            #expect(MarkCode(code.text.lowercased()) == code)
            #expect(MarkCode.readings(code.text.replacingOccurrences(of: "-", with: "")).contains(code))
            #expect(MarkCode.readings(code.text.replacingOccurrences(of: "-", with: "").lowercased()).contains(code))
            if round < 10 { #expect(MarkCode(code.text.replacingOccurrences(of: "-", with: "")) == code) }
        }
    }

    /// Reading the history takes a code in its stored form as it is: exactly the texts that
    /// read back unchanged, among random near-codes (digits, dashes, letters in and out of the
    /// alphabet, lower case, spaces).
    @Test func theStoredFormIsWhatReadsBackUnchanged() async throws {
        let characters = Array("0123456789--AKZ7PQ23OIxk ")
        await propertyCheck(count: 3_000, input: Gen.int(in: 0..<characters.count).array(of: 0...11)) { picks in
            let text = String(picks.map { characters[$0] })
            #expect(MarkCode.isStoredForm(text) == (MarkCode(text)?.text == text), "\(text)")
        }
        await propertyCheck(count: 300, input: Gen.int(in: 1...999), Gen.uint64()) { round, seed in
            var generator = SeededGenerator(seed: seed)
            let code = MarkCode.random(round: round, using: &generator)
            #expect(MarkCode.isStoredForm(code.text))
            let decoded = try JSONDecoder().decode(MarkCode.self, from: JSONEncoder().encode(code))
            #expect(decoded == code)
        }
        // A code stored in another form (lower case, without its dash) still reads as the code.
        #expect(try JSONDecoder().decode(MarkCode.self, from: Data(#""2k7p3q""#.utf8)).text == "2-K7P3Q")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MarkCode.self, from: Data(#""2-K7P3O""#.utf8)) }
    }

    @Test func codesOfReplicasAtAnyDepthStayShortAndDistinct() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...99), Gen.uint64()) { round, seed in
            var generator = SeededGenerator(seed: seed)
            let root = String(MarkCode.randomCharacter(using: &generator))
            var tags = [root]
            var next = [root]
            for _ in 1..<MarkCode.maximumTagLength {
                next = next.flatMap { parent in (0..<3).compactMap { MarkCode.childTag(of: parent, index: $0) } }
                tags += next
            }
            #expect(MarkCode.childTag(of: tags.last!, index: 0) == nil)
            // No tag is the start of a longer one at the same position... and codes of
            // different tags never coincide: the same random part under every tag.
            var codes = Set<String>()
            for tag in tags {
                var same = SeededGenerator(seed: seed)
                let code = MarkCode.random(round: round, tag: tag, using: &same)
                #expect(code.text.count <= 10)
                #expect(MarkCode(code.text) == code)
                #expect(MarkCode.readings(code.text.replacingOccurrences(of: "-", with: "").lowercased()).contains(code))
                codes.insert(code.text)
            }
            #expect(codes.count == tags.count)
        }
    }

    @Test func seededGeneratorRepeatsItsCodes() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        let first = (0..<20).map { _ in MarkCode.random(round: 1, using: &a) }
        let second = (0..<20).map { _ in MarkCode.random(round: 1, using: &b) }
        #expect(first == second)
        #expect(Set(first).count == 20)
    }
}

@Test func aTypedBeginningOfACodeIsReadWithItsRoundFirst() {
    #expect(MarkCode.prefix("2k7") == "2-K7")
    #expect(MarkCode.prefix("2-k7") == "2-K7")
    #expect(MarkCode.prefix("12K7") == "1-2K7")  // without a dash, body digits stay in the body
    #expect(MarkCode.prefix("12-K7") == "12-K7")
    #expect(MarkCode.prefix("1-1-05") == nil)  // a unit code
    #expect(MarkCode.prefix("0502") == nil)
    #expect(MarkCode.prefix("") == nil)
}
