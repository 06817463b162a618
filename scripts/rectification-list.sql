-- The rows and columns of `yanfang export rectification --format csv` (the Chinese list of
-- what a contractor still has to fix, with why each is on it), as one query, for
-- scripts/bench.sh to time `sqlite3 -csv` against the export on the same file. :contractor is
-- replaced by the script. Dates are UTC days (the script sets TZ=UTC for both). A step taken
-- back (`reverted`) is left out, as the export does; steps set aside by a conflict's
-- resolution are too in the export, and this query does not look for them (the generated
-- project has none).
WITH items(id, name) AS MATERIALIZED (
    SELECT json_extract(value, '$.id'), json_extract(value, '$.name.zh')
    FROM checklist, json_each(checklist.json, '$.items')
),
-- The deadline the latest closed round set (schema v8 keeps the rectification terms as a row),
-- which the list gives every defect found up to that round.
latest(round, day) AS MATERIALIZED (
    SELECT CAST(key AS INTEGER), value FROM rectification_terms, json_each(rectification_terms.json, '$.deadlines')
    ORDER BY CAST(key AS INTEGER) DESC LIMIT 1
),
listed AS MATERIALIZED (
    SELECT d.rowid AS rowid
    FROM defect d JOIN contractor c ON c.rowid = d.contractor_rowid
    WHERE c.name = ':contractor' AND d.status IN ('open', 'rectified')
),
steps AS MATERIALIZED (
    SELECT e.defect, e.kind, e.hlc, e.replica, e.id, e.round, date(e.at / 1000, 'unixepoch') AS day,
           coalesce(nullif(json_extract(e.payload, '$.note'), ''), '（未写说明）') AS note,
           json_extract(e.payload, '$.passed') AS passed
    FROM listed l JOIN defect d ON d.rowid = l.rowid JOIN event e ON e.defect = d.id
    WHERE e.kind IN ('defect.rectified', 'defect.rechecked')
      AND NOT EXISTS (SELECT 1 FROM event r WHERE r.defect = e.defect AND r.kind = 'reverted'
                      AND upper(replace(json_extract(r.payload, '$.target'), '-', '')) = hex(e.id))
)
SELECT d.code AS 编号, u.code AS 户, d.building AS 楼栋, u.entrance AS 单元, u.floor AS 楼层, d.room AS 房间,
       d.item AS 检查项编号, i.name AS 检查项, d.note AS 问题描述,
       CASE d.severity WHEN 'severe' THEN '严重' WHEN 'major' THEN '一般' ELSE '轻微' END AS 严重程度,
       d.round_found AS 发现轮次, d.failed AS 复查未过次数,
       CASE d.status WHEN 'open' THEN '待整改' WHEN 'rectified' THEN '已整改待复查' WHEN 'closed' THEN '已销项' ELSE '统一口径' END AS 状态,
       coalesce((SELECT day FROM latest WHERE latest.round >= d.round_found), '') AS 整改期限,
       coalesce((SELECT group_concat(line, char(10)) FROM (
           SELECT '第' || s.round || '轮复查未过（' || s.day || '）：' || s.note AS line FROM steps s
           WHERE s.defect = d.id AND s.kind = 'defect.rechecked' AND s.passed = 0 ORDER BY s.hlc, s.replica, s.id)), '') AS 复查未过原因,
       coalesce((SELECT group_concat(line, char(10)) FROM (
           SELECT '报整改完成（' || s.day || '）：' || s.note AS line FROM steps s
           WHERE s.defect = d.id AND s.kind = 'defect.rectified' ORDER BY s.hlc, s.replica, s.id)), '') AS 报整改记录
FROM listed l
JOIN defect d ON d.rowid = l.rowid
JOIN unit u ON u.rowid = d.unit_rowid
LEFT JOIN items i ON i.id = d.item
ORDER BY length(d.building), d.building, u.entrance, u.floor, u.number, d.room, d.code;
