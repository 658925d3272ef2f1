import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

@main
struct Entente: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entente",
        abstract: "Measure how close two states are, from event data, and say why.",
        discussion: """
            Entente reads political event data (GDELT 1.0 and 2.0, ICEWS, dyad series), structural dyad-year data \
            (ATOP alliances, UN General Assembly votes and ideal points, SIPRI arms transfers, militarised disputes) \
            and a curated, cited knowledge base of treaties, partnership declarations and key events, and judges how \
            close a pair of states (a dyad) is — alliance, strategic partnership, temporary rapprochement, distant or \
            rivalry — with the evidence that decided it and a calibrated confidence.

            Countries are ISO 3166 alpha-3 codes (RUS, PRK) or names ("North Korea", "DPRK"), in any case.
            The store lives in $ENTENTE_HOME (default: ./.entente).

            Start with (the first two need no data):
              entente brief RUS PRK --from 2023-01 --to 2024-12 --out brief.html
              entente treaties RUS PRK --at 2024-07-01
              entente ingest gdelt2-dyad-daily-2018-2024.csv.gz atop_alliance.csv unvotes/ IdealpointsJuly2025.converted.csv
              entente assess RUS PRK --at 2023-12
              entente structure USA JPN --year 2018
            Where to get the data: the README and Guides/StructuralLayers.md.
            """,
        subcommands: [
            IngestCommand.self, EventsCommand.self, DyadCommand.self, StatusCommand.self, TimelineCommand.self, TreatiesCommand.self,
            KnowledgeCommand.self, CubeCommand.self, AssessCommand.self, IndexCommand.self, EvaluateCommand.self, BriefCommand.self,
            ChangesCommand.self, DriversCommand.self, StructureCommand.self, PanelCommand.self, AdversariesCommand.self,
            CounterbalancingCommand.self,
            ScenarioCommand.self,
            FetchCommand.self, UpdateCommand.self,
            ServeCommand.self,
        ]
    )
}
