/// What the plan says against the method's schedule and against the work done so far, as of
/// a day: the same kind of warnings as `Deadlines`, with the same three-month lead and 30-day
/// risk cutoff.
public enum PlanCheck {
    /// The plan's warnings. `progress` is the latest round's, unit by unit.
    /// `rectificationDays`: the project's setting (see `ProjectPlan.defaultRectificationDays`).
    public static func warnings(_ plan: ProjectPlan, rectificationDays: Int = ProjectPlan.defaultRectificationDays, categories: [Category],
                                delivery: Day, today: Day, rounds: [Round],
                                units: [ProjectUnit], progress: [ProjectUnit.ID: UnitProgress]) -> [DeadlineWarning] {
        var list: [DeadlineWarning] = []
        func warn(_ kind: String, _ zh: String, _ en: String) { list.append(DeadlineWarning(kind: kind, message: Localized(zh: zh, en: en))) }
        let latestStart = Deadlines.latestRoundOneStart(delivery: delivery)
        let cutoff = Deadlines.riskCutoff(delivery: delivery)
        if let first = plan.round(1), first.start > latestStart {
            warn("plan-round-1-late", "计划第一轮于 \(first.start) 开始，晚于交付前三个月（\(latestStart)）",
                 "round 1 is planned to start \(first.start), later than three months before delivery (\(latestStart))")
        }
        if let last = plan.rounds.last, last.finish > cutoff {
            warn("plan-after-cutoff", "计划第 \(last.number) 轮于 \(last.finish) 结束，晚于风险排查截止日（交付前 \(Deadlines.riskCutoffDays) 天，\(cutoff)）",
                 "round \(last.number) is planned to finish \(last.finish), after the risk-screening cutoff (\(Deadlines.riskCutoffDays) days before delivery, \(cutoff))")
        }
        if plan.rounds.count < RoundRules.minimumRounds {
            warn("plan-fewer-than-three-rounds", "计划仅 \(plan.rounds.count) 轮（至少需三轮）",
                 "only \(plan.rounds.count) round\(plan.rounds.count == 1 ? "" : "s") planned (at least \(RoundRules.minimumRounds))")
        }
        for (previous, round) in zip(plan.rounds, plan.rounds.dropFirst()) {
            let gap = previous.finish.days(until: round.start) - 1
            if gap < rectificationDays {
                warn("plan-no-rectification-time",
                     "第 \(previous.number) 轮（\(previous.finish) 结束）与第 \(round.number) 轮（\(round.start) 开始）之间仅 \(max(0, gap)) 天整改，项目设定需 \(rectificationDays) 天",
                     "\(max(0, gap)) days for rectification between round \(previous.number) (finishes \(previous.finish)) and round \(round.number) (starts \(round.start)); the project's setting is \(rectificationDays) (yanfang settings --rectification-days)")
            }
        }
        for round in plan.rounds { list += coverage(round, categories: categories) }
        list += behind(plan, today: today, rounds: rounds, units: units, progress: progress)
        return list
    }

    /// Batches and categories of a round that no member covers: a category no one covers in
    /// any batch is named once for the round, others batch by batch.
    static func coverage(_ round: RoundPlan, categories: [Category]) -> [DeadlineWarning] {
        var list: [DeadlineWarning] = []
        func warn(_ kind: String, _ zh: String, _ en: String) {
            list.append(DeadlineWarning(kind: kind, message: Localized(zh: "第 \(round.number) 轮：" + zh, en: "round \(round.number): " + en)))
        }
        let batches: [String?] = round.batches.isEmpty ? [nil] : round.batches.map(\.name)
        var missing: [(batch: String?, categories: [Category])] = []
        for batch in batches {
            let covering = round.members.filter { $0.covers(batch: batch) }
            if let batch, covering.isEmpty {
                warn("plan-batch-uncovered", "无人负责\(batch)", "no one covers batch \(batch)")
                continue
            }
            missing.append((batch, categories.filter { category in !covering.contains { $0.covers(category: category.id) } }))
        }
        let everywhere = missing.count == batches.count
            ? categories.filter { category in missing.allSatisfy { $0.categories.contains(category) } } : []
        if !everywhere.isEmpty {
            warn("plan-category-uncovered", "无人负责\(everywhere.map(\.name.zh).joined(separator: "、"))",
                 "no one covers \(everywhere.map(\.name.en).joined(separator: ", "))")
        }
        for (batch, gaps) in missing {
            let left = gaps.filter { !everywhere.contains($0) }
            guard let batch, !left.isEmpty else { continue }
            warn("plan-category-uncovered", "\(batch)无人负责\(left.map(\.name.zh).joined(separator: "、"))",
                 "no one covers \(left.map(\.name.en).joined(separator: ", ")) in batch \(batch)")
        }
        return list
    }

    /// Units of `total` expected done by `today`, pro rata between the planned days (both
    /// counted): none before the start, all from the finish on.
    public static func expected(_ total: Int, start: Day, finish: Day, today: Day) -> Int {
        let days = start.days(until: finish) + 1
        let elapsed = min(max(start.days(until: today) + 1, 0), days)
        return days <= 0 ? total : total * elapsed / days
    }

    /// Rounds (and batches of the open round) behind their planned dates.
    static func behind(_ plan: ProjectPlan, today: Day, rounds: [Round], units: [ProjectUnit],
                       progress: [ProjectUnit.ID: UnitProgress]) -> [DeadlineWarning] {
        var list: [DeadlineWarning] = []
        func warn(_ zh: String, _ en: String) { list.append(DeadlineWarning(kind: "plan-behind", message: Localized(zh: zh, en: en))) }
        for planned in plan.rounds {
            guard let actual = rounds.first(where: { $0.number == planned.number }) else {
                // Only the next round to open can be late; a later one follows it.
                if planned.start < today, planned.number == (rounds.last?.number ?? 0) + 1 {
                    warn("第 \(planned.number) 轮计划于 \(planned.start) 开始，尚未开启",
                         "round \(planned.number) was planned to start \(planned.start) and has not opened")
                }
                continue
            }
            if let closed = actual.closed {
                if closed > planned.finish {
                    warn("第 \(planned.number) 轮于 \(closed) 结束，晚于计划（\(planned.finish)）",
                         "round \(planned.number) closed \(closed), after its planned finish (\(planned.finish))")
                }
                continue
            }
            let scope = units.filter(planned.includes)
            let done = scope.filter { progress[$0.id]?.isComplete ?? false }.count
            if today > planned.finish {
                warn("第 \(planned.number) 轮计划于 \(planned.finish) 结束，仍有 \(scope.count - done) 户未验完",
                     "round \(planned.number) was planned to finish \(planned.finish); \(scope.count - done) units are not done")
                continue
            }
            let expected = Self.expected(scope.count, start: planned.start, finish: planned.finish, today: today)
            if done < expected {
                warn("第 \(planned.number) 轮落后于计划：已验完 \(done) 户，按计划今日应完成 \(expected) 户",
                     "round \(planned.number) is behind its plan: \(done) units done, \(expected) expected by today")
            }
            for batch in planned.batches {
                let batchUnits = scope.filter(batch.includes)
                let batchDone = batchUnits.filter { progress[$0.id]?.isComplete ?? false }.count
                let batchExpected = Self.expected(batchUnits.count, start: batch.start, finish: batch.finish, today: today)
                if batchDone < batchExpected {
                    warn("\(batch.name)落后于计划：已验完 \(batchDone)/\(batchUnits.count) 户，按计划今日应完成 \(batchExpected) 户",
                         "batch \(batch.name) is behind its plan: \(batchDone) of \(batchUnits.count) units done, \(batchExpected) expected by today")
                }
            }
        }
        return list
    }
}
