import Foundation
import Testing

@testable import EntenteFetch

@Suite struct FileListTests {
    @Test func masterListLinesAreReadWithSizeMD5AndURL() throws {
        let text = """
            150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip
            318084 BB27F78BA45F69A17EA6ED7755E9F8FF http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip

            oops
            12x 297a16b493de7cf6ca809a7cc31d0b93 http://x/20150218231500.export.CSV.zip
            12 297a16b4 http://x/20150218231500.export.CSV.zip
            """
        let (files, problems) = FileList.parseMaster(text, base: nil)
        #expect(files.count == 2)
        #expect(files[0].size == 150_383)
        #expect(files[0].md5 == "297a16b493de7cf6ca809a7cc31d0b93")
        #expect(files[0].name == "20150218230000.export.CSV.zip")
        #expect(files[1].md5 == "bb27f78ba45f69a17ea6ed7755e9f8ff")
        #expect(problems.map(\.line) == [4, 5, 6])
        #expect(problems[1].reason.contains("size"))
        #expect(problems[2].reason.contains("MD5"))
    }

    @Test func relativeLinksResolveAgainstTheList() throws {
        let base = URL(string: "http://127.0.0.1:8080/gdeltv2/masterfilelist.txt")
        let file = try #require(
            try FileList.parseMasterLine("10 297a16b493de7cf6ca809a7cc31d0b93 20150218230000.export.CSV.zip", base: base))
        #expect(file.url == "http://127.0.0.1:8080/gdeltv2/20150218230000.export.CSV.zip")
    }

    @Test(arguments: [
        ("20190121220000.export.CSV.zip", GDELTFileKind.export),
        ("20190121220000.translation.export.CSV.zip", .export),
        ("20190121220000.mentions.CSV.zip", .mentions),
        ("20190121220000.gkg.csv.zip", .gkg),
        ("20160728.export.CSV.zip", .export),
        ("200601.zip", .backFile),
        ("1979.zip", .backFile),
        ("GDELT.MASTERREDUCEDV2.1979-2013.zip", .other),
    ])
    func kindsComeFromTheName(name: String, kind: GDELTFileKind) {
        #expect(GDELTFileKind(name: name) == kind)
    }

    @Test func timeSpansFollowTheNameLength() throws {
        let quarter = try #require(FileTimeSpan(fileName: "20190121221500.export.CSV.zip"))
        #expect(quarter.start == quarter.end)
        #expect(UTCTime.iso(quarter.start) == "2019-01-21T22:15:00Z")
        let day = try #require(FileTimeSpan(fileName: "20160728.export.CSV.zip"))
        #expect(day.end - day.start == 86_399)
        let month = try #require(FileTimeSpan(fileName: "201602.zip"))
        #expect(UTCTime.iso(month.end) == "2016-02-29T23:59:59Z")
        let year = try #require(FileTimeSpan(fileName: "1979.zip"))
        #expect(UTCTime.iso(year.start) == "1979-01-01T00:00:00Z")
        #expect(UTCTime.iso(year.end) == "1979-12-31T23:59:59Z")
        #expect(FileTimeSpan(fileName: "20190231000000.export.CSV.zip") == nil)
        #expect(FileTimeSpan(fileName: "masterfilelist.txt") == nil)
    }

    @Test func utcSecondsAgreeWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let calendar = {
            var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "UTC")!; return c
        }()
        for _ in 0..<500 {
            let y = Int.random(in: 1900...2100, using: &generator), m = Int.random(in: 1...12, using: &generator)
            let d = Int.random(in: 1...28, using: &generator), h = Int.random(in: 0...23, using: &generator)
            let date = try #require(calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: 15)))
            #expect(UTCTime.seconds(y, m, d, h, 15) == Int64(date.timeIntervalSince1970))
        }
    }

    @Test func windowsIncludeBothEnds() throws {
        let w = try FetchWindow(from: "2019-01-21T22:00", to: "2019-01-21")
        #expect(w.contains(try #require(FileTimeSpan(fileName: "20190121220000.export.CSV.zip"))))
        #expect(w.contains(try #require(FileTimeSpan(fileName: "20190121234500.export.CSV.zip"))))
        #expect(!w.contains(try #require(FileTimeSpan(fileName: "20190121214500.export.CSV.zip"))))
        #expect(!w.contains(try #require(FileTimeSpan(fileName: "20190122000000.export.CSV.zip"))))
        // A back-file overlapping the window is in it.
        #expect(w.contains(try #require(FileTimeSpan(fileName: "2019.zip"))))
        #expect(throws: FetchError.self) { try FetchWindow(from: "2019-02-01", to: "2019-01-01") }
        #expect(throws: FetchError.self) { try FetchWindow(from: "2019-1-1", to: nil) }
        #expect(throws: FetchError.self) { try FetchWindow(from: "2019-01-01T25:00", to: nil) }
    }

    @Test func selectionKeepsExportsInRangeOnly() throws {
        let text = """
            10 00000000000000000000000000000001 http://m/20190121220000.export.CSV.zip
            10 00000000000000000000000000000002 http://m/20190121220000.mentions.CSV.zip
            10 00000000000000000000000000000003 http://m/20190121220000.gkg.csv.zip
            10 00000000000000000000000000000004 http://m/20230101000000.export.CSV.zip
            10 00000000000000000000000000000005 http://m/20150218230000.export.CSV.zip
            10 00000000000000000000000000000001 http://m/20190121220000.export.CSV.zip
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("list-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = try FetchWindow(from: "2015-01-01", to: "2019-12-31")
        let s = try FileList.select(masterList: folder.path, base: nil, kinds: [.export], window: window)
        #expect(s.files.map(\.name) == ["20150218230000.export.CSV.zip", "20190121220000.export.CSV.zip"])
        #expect(s.listed == 6)
        #expect(s.otherKinds == ["mentions": 1, "gkg": 1])
        #expect(s.outOfRange == 1)
        let withMentions = try FileList.select(masterList: folder.path, base: nil, kinds: [.export, .mentions], window: window)
        #expect(withMentions.files.count == 3)
    }

    @Test func gdelt1IndexPageGivesLinksAndMD5s() {
        let html = """
            <HTML><BODY><UL>
            <LI><A HREF="md5sums">md5sums</A>
            <LI><A HREF="20160728.export.CSV.zip">20160728.export.CSV.zip</A> 9.9MB (MD5: 4C1F0B5A8D3E2F6A7B8C9D0E1F2A3B4C)
            <LI><A HREF="200601.zip">200601.zip</A> 42.0MB (MD5: 00112233445566778899aabbccddeeff)
            <LI><a href='1979.zip'>1979.zip</a> (1234 bytes)
            </UL></BODY></HTML>
            """
        let (files, _) = FileList.parseIndex(html, base: URL(string: "http://127.0.0.1:9/events/index.html"))
        #expect(files.map(\.name) == ["20160728.export.CSV.zip", "200601.zip", "1979.zip"])
        #expect(files[0].url == "http://127.0.0.1:9/events/20160728.export.CSV.zip")
        #expect(files[0].md5 == "4c1f0b5a8d3e2f6a7b8c9d0e1f2a3b4c")
        #expect(files[0].size == nil)
        #expect(files[2].md5 == nil)
        #expect(files[2].size == 1234)
    }
}

@Suite struct RetryPolicyTests {
    @Test func retryAfterReadsSecondsAndHTTPDates() throws {
        #expect(RetryPolicy.parseRetryAfter("120") == 120)
        #expect(RetryPolicy.parseRetryAfter(" 0 ") == 0)
        #expect(RetryPolicy.parseRetryAfter("-3") == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_450)  // 2015-10-21T07:27:30Z
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Wed Oct 21 07:28:00 2015", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == 0)
    }

    @Test func backoffDoublesWithJitterAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 8, maxRetryAfter: 5)
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...8 {
            let d = min(8, pow(2, Double(attempt - 1)))
            for _ in 0..<50 {
                let wait = policy.delay(afterAttempt: attempt, retryAfter: nil, using: &generator)
                #expect(wait >= d / 2 && wait <= d, "attempt \(attempt): \(wait) outside [\(d / 2), \(d)]")
            }
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3", using: &generator) == 3)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600", using: &generator) == 5)
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503) && RetryPolicy.isRetryable(status: 408))
        #expect(!RetryPolicy.isRetryable(status: 404) && !RetryPolicy.isRetryable(status: 403))
    }
}
