-- The rows and columns of `yanfang export rectification --format csv` (the Chinese list of
-- what a contractor still has to fix), as one query, for scripts/bench.sh to time
-- `sqlite3 -csv` against the export on the same file. :contractor is replaced by the script.
WITH items(id, name) AS MATERIALIZED (
    SELECT json_extract(value, '$.id'), json_extract(value, '$.name.zh')
    FROM checklist, json_each(checklist.json, '$.items')
)
SELECT d.code AS 编号, u.code AS 户, d.building AS 楼栋, u.entrance AS 单元, u.floor AS 楼层, d.room AS 房间,
       d.item AS 检查项编号, i.name AS 检查项, d.note AS 问题描述,
       CASE d.severity WHEN 'severe' THEN '严重' WHEN 'major' THEN '一般' ELSE '轻微' END AS 严重程度,
       d.round_found AS 发现轮次, d.failed AS 复查未过次数,
       CASE d.status WHEN 'open' THEN '待整改' WHEN 'rectified' THEN '已整改待复查' WHEN 'closed' THEN '已销项' ELSE '统一口径' END AS 状态,
       coalesce(d.rectification_note, '') AS 整改说明
FROM defect d
JOIN unit u ON u.rowid = d.unit_rowid
JOIN contractor c ON c.rowid = d.contractor_rowid
LEFT JOIN items i ON i.id = d.item
WHERE c.name = ':contractor' AND d.status IN ('open', 'rectified')
ORDER BY length(d.building), d.building, u.entrance, u.floor, u.number, d.room, d.code;
