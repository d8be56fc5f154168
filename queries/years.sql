-- One row per year with a budget: the years a user can choose, newest first.
-- Parameters: none.
with final as (
    select distinct year from v_budget
)

select * from final
order by year desc
