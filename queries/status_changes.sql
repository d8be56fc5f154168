-- One row per item of a year's portfolio whose status changed between two report rounds: it
-- went red, got worse (to amber), recovered (a better status), or had its first report (new).
-- The latest round is the latest report date on or before the year's status date (the end of
-- the year, the as-of date for the running year); the earlier one (since_date) is, by $since:
-- 'vorige_rapportage' (the default) the report date before the latest round, "changed since the
-- previous report" (the Portfolio page); 'jaareinde' 31 December of the year before
-- (year_end_before), "changed since the end of last year" (the ALV report).
-- Parameters: $year (required); $since (optional: 'vorige_rapportage' or 'jaareinde').
-- Caveat: any other $since compares with nothing (no rows).
-- Caveat: an item without a report at a round counts with its status on sheet Projecten, so an
-- item without any report never changes.
with reports as (
    select report_date
    from status_report
    where report_date <= status_date($year)
),

round_dates as (
    select
        max(report_date) as round_date,
        coalesce(cast($since as text), 'vorige_rapportage') as since,
        case coalesce(cast($since as text), 'vorige_rapportage')
            when 'jaareinde' then year_end_before($year)
            when 'vorige_rapportage' then max(report_date) filter (
                where report_date < (select max(r.report_date) from reports as r)
            )
        end as since_date
    from reports
),

-- (a scalar subquery as the date, not a lateral join: several times faster in DuckDB 2.0)
latest_round as (
    select * from status_at((select d.round_date from round_dates as d))
),

earlier_round as (
    select * from status_at((select d.since_date from round_dates as d))
),

compared as (
    select
        n.item_id,
        n.status,
        b.status as previous_status,
        n.explanation,
        n.report_date,
        case
            when b.report_date is null and n.report_date is not null then 'nieuw'
            when n.status = 'rood' and b.status <> 'rood' then 'rood'
            when status_rank(n.status) > status_rank(b.status) then 'slechter'
            when status_rank(n.status) < status_rank(b.status) then 'hersteld'
        end as status_change
    from latest_round as n
    inner join earlier_round as b on n.item_id = b.item_id
),

final as (
    select
        c.item_id,
        i.name,
        c.status_change,
        c.status,
        c.previous_status,
        c.explanation,
        c.report_date,
        d.since_date,
        d.since,
        d.round_date
    from compared as c
    cross join round_dates as d
    inner join item as i on c.item_id = i.item_id
    where
        c.status_change is not null
        and c.item_id in (
            select p.item_id from v_portfolio_status as p
            where p.year = $year
        )
)

select * from final
order by
    array_position(status_changes(), status_change),
    name
