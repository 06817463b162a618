import GRDB
import InspectionCore

/// The file's layout. Migrations are named `v1`, `v2`, … and never edited once released;
/// each sets `user_version` to its number so a file's schema can be read from its header
/// before SQLite opens it.
enum Schema {
    /// 'YFNG': marks a SQLite file as yanfang's (SQLite `application_id`).
    static let applicationID: Int32 = 0x5946_4E47
    /// 'YFND': a yanfang file that `yanfang demo` made and may replace; it says so in its
    /// header, so that telling it from a project never opens the project.
    static let demoApplicationID: Int32 = 0x5946_4E44
    static let version = 8
    /// The schema whose history (the `event` table) later schemas read as it is: the ones
    /// after it added projections, indexes and event kinds, not new columns of events.
    static let historyVersion = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")

            try db.create(table: "project") { t in
                t.column("id", .blob).primaryKey()
                t.column("name", .text).notNull()
                t.column("delivery", .text).notNull()
                t.column("penalty_threshold", .integer).notNull()
                t.column("readiness_target", .double).notNull()
            }
            try db.create(table: "setting") { t in
                t.column("key", .text).primaryKey()
                t.column("value", .text).notNull()
            }
            // The checklist set in force, as JSON: the file carries its own standards.
            try db.create(table: "checklist") { t in
                t.column("id", .integer).primaryKey()
                t.column("json", .text).notNull()
            }
            try db.create(table: "unit") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("id", .blob).notNull().unique()
                t.column("code", .text).notNull().unique()
                t.column("building", .text).notNull()
                t.column("entrance", .integer).notNull()
                t.column("floor", .integer).notNull()
                t.column("number", .integer).notNull()
                t.column("type", .text).notNull()
            }
            try db.create(table: "contractor") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("id", .blob).notNull().unique()
                t.column("name", .text).notNull().unique()
                t.column("trades", .text).notNull()
                t.column("buildings", .text)
            }
            try db.create(table: "round") { t in
                t.column("number", .integer).primaryKey()
                t.column("opened", .text).notNull()
                t.column("closed", .text)
                t.column("partial", .boolean).notNull().defaults(to: false)
                t.column("unreached", .text).notNull().defaults(to: "[]")
                t.column("pending", .text).notNull().defaults(to: "[]")
            }
            // The history: every change, appended, never edited. `seq` is this file's order;
            // `id` is the event's identity across files.
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("id", .blob).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("at", .integer).notNull()
                t.column("actor", .text).notNull()
                t.column("round", .integer).notNull()
                t.column("unit", .blob)
                t.column("defect", .blob)
                t.column("payload", .text).notNull()
            }
            try db.execute(sql: "CREATE INDEX event_unit ON event(unit, round) WHERE unit IS NOT NULL")
            try db.execute(sql: "CREATE INDEX event_defect ON event(defect) WHERE defect IS NOT NULL")

            // Projections of the history: each defect's state is the fold of its events.
            try db.create(table: "defect_state") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("id", .blob).notNull().unique()
                t.column("code", .text).notNull().unique()
                t.column("unit_rowid", .integer).notNull().references("unit")
                t.column("building", .text).notNull()
                t.column("room", .text).notNull()
                t.column("item", .text).notNull()
                t.column("category", .text).notNull()
                t.column("note", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("severity_rank", .integer).notNull()
                t.column("sensitivity_rank", .integer).notNull()
                t.column("contractor_rowid", .integer).references("contractor")
                t.column("inspector", .text).notNull()
                t.column("round_found", .integer).notNull()
                t.column("found_at", .integer).notNull()
                // open | rectified | closed | waived, or retracted when its finding was undone.
                t.column("status", .text).notNull()
                t.column("failed", .integer).notNull()
                t.column("flag_round", .integer)
                t.column("flag_contractor_rowid", .integer).references("contractor")
                t.column("closed_round", .integer)
                t.column("waived_round", .integer)
                t.column("waiver", .text)
                t.column("rectification_note", .text)
                t.column("rectified_at", .integer)
            }
            try db.execute(sql: "CREATE INDEX defect_unit ON defect_state(unit_rowid)")
            try db.execute(sql: "CREATE INDEX defect_status_unit ON defect_state(status, unit_rowid)")
            try db.execute(sql: "CREATE INDEX defect_contractor ON defect_state(contractor_rowid, status)")
            try db.execute(sql: "CREATE INDEX defect_flag ON defect_state(flag_round) WHERE flag_round IS NOT NULL")
            // The board's counts, kept by triggers as defects change: how many defects share a
            // building, category, contractor, status and the rounds they were found, closed
            // and waived in (0 for none). The board reads thousands of rows, not every defect.
            try db.execute(sql: """
                CREATE TABLE defect_tally (
                    building TEXT NOT NULL,
                    category TEXT NOT NULL,
                    contractor_rowid INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    round_found INTEGER NOT NULL,
                    closed_round INTEGER NOT NULL,
                    waived_round INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (building, category, contractor_rowid, status, round_found, closed_round, waived_round)
                ) WITHOUT ROWID
                """)
            let key = { (row: String) in
                "\(row).building, \(row).category, coalesce(\(row).contractor_rowid, 0), \(row).status, \(row).round_found, coalesce(\(row).closed_round, 0), coalesce(\(row).waived_round, 0)"
            }
            let match = """
                building = OLD.building AND category = OLD.category AND contractor_rowid = coalesce(OLD.contractor_rowid, 0)
                AND status = OLD.status AND round_found = OLD.round_found AND closed_round = coalesce(OLD.closed_round, 0)
                AND waived_round = coalesce(OLD.waived_round, 0)
                """
            try db.execute(sql: """
                CREATE TRIGGER defect_tally_insert AFTER INSERT ON defect_state BEGIN
                    INSERT INTO defect_tally VALUES (\(key("NEW")), 1) ON CONFLICT DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER defect_tally_update AFTER UPDATE OF building, category, contractor_rowid, status, round_found,
                    closed_round, waived_round ON defect_state BEGIN
                    UPDATE defect_tally SET n = n - 1 WHERE \(match);
                    INSERT INTO defect_tally VALUES (\(key("NEW")), 1) ON CONFLICT DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER defect_tally_delete AFTER DELETE ON defect_state BEGIN
                    UPDATE defect_tally SET n = n - 1 WHERE \(match);
                END;
                """)
            try db.execute(sql: "CREATE VIEW defect AS SELECT * FROM defect_state WHERE status <> 'retracted'")

            // Each round's re-check list as it stood when the round opened. Building, category
            // and contractor repeat the defect's so the board counts re-checks without a join.
            try db.execute(sql: """
                CREATE TABLE recheck (
                    round INTEGER NOT NULL,
                    defect_rowid INTEGER NOT NULL REFERENCES defect_state(rowid),
                    unit_rowid INTEGER NOT NULL REFERENCES unit(rowid),
                    building TEXT NOT NULL,
                    category TEXT NOT NULL,
                    contractor_rowid INTEGER REFERENCES contractor(rowid),
                    status_at_open TEXT NOT NULL,
                    outcome INTEGER,
                    PRIMARY KEY (round, defect_rowid)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE INDEX recheck_unit ON recheck(round, unit_rowid)")
            try db.execute(sql: "CREATE INDEX recheck_defect ON recheck(defect_rowid)")
            try db.execute(sql: """
                CREATE INDEX recheck_board ON recheck(round, outcome, status_at_open, building, category, contractor_rowid)
                """)

            // How far each unit is in each round.
            try db.execute(sql: """
                CREATE TABLE unit_round (
                    round INTEGER NOT NULL,
                    unit_rowid INTEGER NOT NULL REFERENCES unit(rowid),
                    applicable INTEGER NOT NULL,
                    recorded INTEGER NOT NULL,
                    rechecks INTEGER NOT NULL,
                    rechecks_done INTEGER NOT NULL,
                    PRIMARY KEY (round, unit_rowid)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        migrator.registerMigration("v2-complete-history", migrate: CompleteHistoryMigration.run)
        migrator.registerMigration("v3-plans") { db in
            // The inspection plan in force (a projection of the latest `plan.imported`), and
            // each round's batches as rows so that scope and progress are read with SQL; the
            // days the contractors get between rounds, a project setting.
            try db.execute(sql: """
                CREATE TABLE plan (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    json TEXT NOT NULL,
                    source TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    imported_at INTEGER NOT NULL
                );
                CREATE TABLE plan_batch (
                    round INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    start TEXT NOT NULL,
                    finish TEXT NOT NULL,
                    PRIMARY KEY (round, position)
                ) WITHOUT ROWID;
                ALTER TABLE project ADD COLUMN rectification_days INTEGER NOT NULL DEFAULT 7;
                PRAGMA user_version = 3;
                """)
        }
        // The few events that set rectification terms (settings, round closes) are read on
        // every list that shows a deadline: an index of them alone, in the history's order.
        migrator.registerMigration("v4-rectification-terms") { db in
            try db.execute(sql: "CREATE INDEX event_terms ON event(hlc, replica, id) WHERE \(InspectionStore.termsCondition)")
            // And the claims and reassignments the rewards read, likewise few.
            // (v5 drops it: the projector writes the claims as rows.)
            try db.execute(sql: "CREATE INDEX event_claims ON event(hlc, replica, id) WHERE kind IN ('defect.rectified', 'defect.reassigned')")
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        // Every defect's claims of rectification and penalty flags as rows, written by the
        // projector, so that the board's rewards and penalties count rows instead of folding
        // histories again at each read. Older files get them by rebuilding their projections.
        migrator.registerMigration("v5-claims-and-flags") { db in
            try db.execute(sql: """
                CREATE TABLE defect_claim (
                    defect_rowid INTEGER NOT NULL REFERENCES defect_state,
                    seq INTEGER NOT NULL,
                    contractor BLOB,
                    day INTEGER NOT NULL,
                    hlc INTEGER NOT NULL,
                    replica BLOB NOT NULL,
                    event BLOB NOT NULL,
                    -- The round whose close (the first of that round in the history's order)
                    -- is the latest before the claim, whose deadline it is judged by; 0: none.
                    close_round INTEGER NOT NULL,
                    PRIMARY KEY (defect_rowid, seq)
                ) WITHOUT ROWID;
                -- The claims counted by contractor (x'' for none), day and close, kept by triggers
                -- (a claim's row is only inserted or deleted: events are applied at the end of the
                -- history, so a close never lands before a claim already written).
                CREATE TABLE claim_tally (
                    contractor BLOB NOT NULL,
                    day INTEGER NOT NULL,
                    close_round INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (contractor, day, close_round)
                ) WITHOUT ROWID;
                CREATE TRIGGER claim_tally_insert AFTER INSERT ON defect_claim BEGIN
                    INSERT INTO claim_tally VALUES (coalesce(NEW.contractor, x''), NEW.day, NEW.close_round, 1)
                    ON CONFLICT DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER claim_tally_delete AFTER DELETE ON defect_claim BEGIN
                    UPDATE claim_tally SET n = n - 1
                    WHERE contractor = coalesce(OLD.contractor, x'') AND day = OLD.day AND close_round = OLD.close_round;
                END;
                -- Each defect's re-checks with a result, in round order, for its first one.
                CREATE INDEX recheck_first ON recheck(defect_rowid, round, contractor_rowid, outcome) WHERE outcome IS NOT NULL;
                CREATE TABLE penalty_flag (
                    defect_rowid INTEGER NOT NULL REFERENCES defect_state,
                    seq INTEGER NOT NULL,
                    round INTEGER NOT NULL,
                    contractor BLOB,
                    after_claim INTEGER NOT NULL,
                    without_claim INTEGER NOT NULL,
                    PRIMARY KEY (defect_rowid, seq)
                ) WITHOUT ROWID;
                """)
            try db.execute(sql: "DROP INDEX IF EXISTS event_claims")
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 > 0 { try Projector.rebuild(db) }
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        // Unified answers (统一口径) shared by many defects, with their contingency plans; each
        // waived defect names the answer it applies and who approved it. Histories without
        // answers have nothing to fill in: their waived defects keep the text they carried.
        migrator.registerMigration("v6-unified-answers") { db in
            try db.execute(sql: """
                CREATE TABLE answer (
                    code TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    text TEXT NOT NULL,
                    action TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    due TEXT NOT NULL,
                    buyer_questions TEXT NOT NULL,
                    defined_by TEXT NOT NULL,
                    defined_at INTEGER NOT NULL,
                    revised_by TEXT,
                    revised_at INTEGER,
                    revisions INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                ALTER TABLE defect_state ADD COLUMN answer_code TEXT;
                ALTER TABLE defect_state ADD COLUMN approved_by TEXT;
                CREATE INDEX defect_answer ON defect_state(answer_code) WHERE answer_code IS NOT NULL;
                PRAGMA user_version = 6;
                """)
        }
        // The field tests that are not one visit to one item: ponding tests started in a
        // unit (checked 24 h later) and spray tests per entrance and band of floors. Older
        // histories have no such events, so the new tables start empty.
        migrator.registerMigration("v7-field-tests") { db in
            try db.execute(sql: """
                CREATE TABLE ponding_test (
                    unit BLOB NOT NULL,
                    round INTEGER NOT NULL,
                    room TEXT NOT NULL,
                    item TEXT NOT NULL,
                    started INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    event BLOB NOT NULL,
                    -- Whether the pair has a result in the round (the check was recorded).
                    checked INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (unit, round, room, item)
                ) WITHOUT ROWID;
                CREATE INDEX ponding_due ON ponding_test(round, checked, started);
                CREATE TABLE spray_test (
                    event BLOB PRIMARY KEY,
                    building TEXT NOT NULL,
                    entrance INTEGER NOT NULL,
                    floor_from INTEGER NOT NULL,
                    floor_to INTEGER NOT NULL,
                    day TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    passed INTEGER NOT NULL,
                    leaks TEXT NOT NULL,
                    note TEXT
                ) WITHOUT ROWID;
                """)
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        // Two things read in every action, which went through the whole project at 10,000
        // units. Which items apply to a unit depends on its entrance's lowest and highest
        // floor: an index, so that reading them does not go through every unit. The
        // rectification terms (days, deadlines, re-check scope) were folded from the events
        // that set them, the rounds' closes among them, whose payloads list every unit
        // blocking delivery: a projection of one row instead, written by the projector.
        migrator.registerMigration("v8-per-action-reads") { db in
            try db.execute(sql: """
                CREATE INDEX unit_entrance_floor ON unit(building, entrance, floor);
                CREATE TABLE rectification_terms (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    json TEXT NOT NULL
                );
                """)
            // As the projector leaves it: a row once some event set terms other than the defaults.
            let terms = try InspectionStore.rectificationTermsFromHistory(db)
            if terms != RectificationTerms() {
                try db.execute(sql: "INSERT INTO rectification_terms (id, json) VALUES (1, ?)", arguments: [try EventCodec.json(terms)])
            }
            try db.execute(sql: "PRAGMA user_version = 8")
        }
        return migrator
    }
}
