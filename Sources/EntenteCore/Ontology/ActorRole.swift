/// CAMEO actor role (type) codes: who inside a state acted — government, military, business…
///
/// GDELT gives them in `Actor1Type1Code`; ICEWS gives sectors in words, mapped here by
/// ``fromICEWSSectors(_:)``.
public enum ActorRole {
    /// Code → meaning, from the CAMEO actor-type codebook.
    public static let names: [String: String] = [
        "COP": "Police forces", "GOV": "Government", "INS": "Insurgents", "JUD": "Judiciary",
        "MIL": "Military", "OPP": "Political Opposition", "REB": "Rebels", "SEP": "Separatist Rebels",
        "SPY": "State Intelligence", "UAF": "Unaligned Armed Forces", "AGR": "Agriculture",
        "BUS": "Business", "CRM": "Criminal", "CVL": "Civilian", "DEV": "Development",
        "EDU": "Education", "ELI": "Elites", "ENV": "Environmental", "HLH": "Health",
        "HRI": "Human Rights", "LAB": "Labor", "LEG": "Legislature", "MED": "Media",
        "REF": "Refugees", "MOD": "Moderate", "RAD": "Radical", "AMN": "Amnesty International",
        "IRC": "Red Cross", "GRP": "Greenpeace", "UNO": "United Nations", "PKO": "Peacekeepers",
        "UIS": "Unidentified State Actor", "IGO": "Inter-Governmental Organization",
        "IMG": "International Militarized Group", "INT": "International/Transnational Generic",
        "MNC": "Multinational Corporation", "NGM": "Non-Governmental Movement",
        "NGO": "Non-Governmental Organization", "SET": "Settler",
    ]

    /// The CAMEO role closest to an ICEWS sector list ("Military,Government"); `nil` when
    /// none of the sectors maps. Earlier rules win: military before government.
    public static func fromICEWSSectors(_ sectors: some StringProtocol) -> String? {
        let s = sectors.lowercased()
        let rules: [(String, String)] = [
            ("military", "MIL"), ("police", "COP"), ("intelligence", "SPY"), ("judicial", "JUD"),
            ("legislative", "LEG"), ("parliament", "LEG"), ("executive", "GOV"), ("government", "GOV"),
            ("foreign ministry", "GOV"), ("cabinet", "GOV"), ("opposition", "OPP"), ("rebel", "REB"),
            ("insurgent", "INS"), ("business", "BUS"), ("media", "MED"), ("education", "EDU"),
            ("medical", "HLH"), ("health", "HLH"), ("labor", "LAB"), ("refugee", "REF"),
            ("elite", "ELI"), ("ngo", "NGO"), ("civilian", "CVL"),
        ]
        for (needle, role) in rules where s.contains(needle) { return role }
        return nil
    }
}
