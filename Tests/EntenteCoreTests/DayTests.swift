import EntenteCore
import Testing

@Suite struct DayTests {
    @Test(arguments: ["20240229", "2024-06-19", "19790113"])
    func validDatesParse(text: String) {
        #expect(Day(text) != nil)
    }

    @Test(arguments: ["20230229", "20241301", "20240631", "2024-6-19", "abcdefgh", "", "99990101", "2024061"])
    func impossibleDatesAreRejected(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func dayPeriodAndFormatting() throws {
        let d = try #require(Day("20240619"))
        #expect(d.description == "2024-06-19")
        #expect(d.period.description == "2024-06")
        #expect(Day(yyyymmdd: 2_024_0619) == d)
    }

    @Test func monthsStrideAcrossYears() throws {
        let dec = try #require(Month("2023-12"))
        #expect(dec.advanced(by: 1).description == "2024-01")
        #expect(dec.advanced(by: -12).description == "2022-12")
        #expect(dec.distance(to: try #require(Month("2024-07"))) == 7)
        #expect(Month("2023-13") == nil)
        #expect(dec.lastDay.description == "2023-12-31")
        #expect(try #require(Month("2024-02")).lastDay.day == 29)
    }
}
