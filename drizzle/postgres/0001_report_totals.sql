-- Report totals (docs/decisions/0007-report-totals-kept-by-triggers.md) on PostgreSQL: the triggers of the SQLite migrations
-- drizzle/0004_report_totals.sql and drizzle/0005_report_totals_by_delta.sql as they stand after both (no later SQLite
-- migration changes them). The five tables are created by 0000_init. The same figures as on SQLite, with these differences:
-- - Each trigger's body is a PL/pgSQL function. Conditions count as (cond)::int, max(a, b) is greatest(a, b), an upsert
--   names its table's key, and the timestamps are timestamptz: the day of enrolment is floor(epoch seconds / 86400) (UTC
--   days, as enrolled_at / 86400000 on SQLite) and the latest activity is kept as UTC milliseconds (bigint), as on SQLite.
-- - An AFTER row trigger here sees the table as the whole statement leaves it (on SQLite: as the rows so far leave it).
--   "Is this the person's first (last) enrolment or learner membership, their first (last) co-op in this country" would
--   then count a person twice, or not at all, when one statement writes several of their rows (closing an account
--   deletes all its memberships at once; a person deleted takes their memberships by cascade). Those distinct-learner
--   parts run once per statement instead (the *_learners triggers), over the statement's rows as a transition table.
-- - TRUNCATE fires no delete trigger: a truncated table that the totals count has them filled again from what is left.

-- The totals from the tables as they are: the first fill below, and after a TRUNCATE. report_learners has its one row.
create function report_totals_refill() returns void language plpgsql as $$
begin
  delete from report_course_days;
  delete from report_org_courses;
  delete from report_country_courses;
  delete from report_country_learners;
  delete from report_learners;
  insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int, count(*), sum((e.completed_at is null and e.modules_done = 0)::int),
    sum((e.completed_at is null and e.modules_done > 0)::int), sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score),
    (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from enrolments e group by 1, 2;
  update report_course_days set certificates = c.n
  from (select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int as day, count(*) n from certificates c join enrolments e on e.id = c.enrolment_id
        where c.revoked_at is null group by 1, 2) c
  where report_course_days.course_slug = c.course_slug and report_course_days.day = c.day;
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select m.organisation_id, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from memberships m join enrolments e on e.user_id = m.user_id where m.role = 'learner' group by m.organisation_id, e.course_slug;
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select p.country, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id where m.role = 'learner') p
  join enrolments e on e.user_id = p.user_id group by p.country, e.course_slug;
  insert into report_country_learners (country, learners)
  select o.country, count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id where m.role = 'learner' group by o.country;
  insert into report_learners (id, learners) select 1, count(*) from users u
  where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id);
end $$;
--> statement-breakpoint
-- Report totals: filled from what is there, then kept by the triggers below.
select report_totals_refill();
--> statement-breakpoint
create function report_totals_truncate() returns trigger language plpgsql as $$
begin
  perform report_totals_refill();
  return null;
end $$;
--> statement-breakpoint
create trigger report_totals_truncate after truncate on enrolments for each statement execute function report_totals_truncate();
--> statement-breakpoint
create trigger report_totals_truncate after truncate on memberships for each statement execute function report_totals_truncate();
--> statement-breakpoint
create trigger report_totals_truncate after truncate on organisations for each statement execute function report_totals_truncate();
--> statement-breakpoint
create trigger report_totals_truncate after truncate on certificates for each statement execute function report_totals_truncate();
--> statement-breakpoint
-- A new enrolment counts in its course and day, in each co-op where its person is a learner, and once in each country
-- of those co-ops. (Whether its person is a new learner is counted once per statement: report_enrolment_insert_learners.)
create function report_enrolment_insert() returns trigger language plpgsql as $$
begin
  insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  values (new.course_slug, floor(extract(epoch from new.enrolled_at) / 86400)::int, 1, (new.completed_at is null and new.modules_done = 0)::int,
    (new.completed_at is null and new.modules_done > 0)::int, (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int,
    (extract(epoch from new.last_activity_at) * 1000)::bigint)
  on conflict (course_slug, day) do update set enrolled = report_course_days.enrolled + excluded.enrolled,
    not_started = report_course_days.not_started + excluded.not_started, started = report_course_days.started + excluded.started,
    completed = report_course_days.completed + excluded.completed, score_sum = report_course_days.score_sum + excluded.score_sum,
    scored = report_course_days.scored + excluded.scored, last_activity = greatest(coalesce(report_course_days.last_activity, 0), excluded.last_activity);
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select m.organisation_id, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0)::int, (new.completed_at is null and new.modules_done > 0)::int,
    (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int, (extract(epoch from new.last_activity_at) * 1000)::bigint
  from memberships m where m.user_id = new.user_id and m.role = 'learner'
  on conflict (organisation_id, course_slug) do update set enrolled = report_org_courses.enrolled + excluded.enrolled,
    not_started = report_org_courses.not_started + excluded.not_started, started = report_org_courses.started + excluded.started,
    completed = report_org_courses.completed + excluded.completed, score_sum = report_org_courses.score_sum + excluded.score_sum,
    scored = report_org_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_org_courses.last_activity, 0), excluded.last_activity);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select c.country, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0)::int, (new.completed_at is null and new.modules_done > 0)::int,
    (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int, (extract(epoch from new.last_activity_at) * 1000)::bigint
  from (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner') c
  on conflict (country, course_slug) do update set enrolled = report_country_courses.enrolled + excluded.enrolled,
    not_started = report_country_courses.not_started + excluded.not_started, started = report_country_courses.started + excluded.started,
    completed = report_country_courses.completed + excluded.completed, score_sum = report_country_courses.score_sum + excluded.score_sum,
    scored = report_country_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_country_courses.last_activity, 0), excluded.last_activity);
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_insert after insert on enrolments for each row execute function report_enrolment_insert();
--> statement-breakpoint
-- A person counts among the learners from their first enrolment or learner membership: those of the statement's new
-- enrolments whose person has no learner membership and no enrolment from before the statement.
create function report_enrolment_insert_learners() returns trigger language plpgsql as $$
begin
  update report_learners set learners = learners + f.n
  from (select count(distinct i.user_id) n from inserted i
        where not exists (select 1 from memberships m where m.user_id = i.user_id and m.role = 'learner')
          and not exists (select 1 from enrolments e where e.user_id = i.user_id and not exists (select 1 from inserted j where j.id = e.id))) f
  where f.n > 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_insert_learners after insert on enrolments referencing new table as inserted
for each statement execute function report_enrolment_insert_learners();
--> statement-breakpoint
-- An enrolment that changes person, course or enrolment time: taken out of its old rows and put into its new ones.
-- (Progress alone is report_enrolment_progress.)
create function report_enrolment_update() returns trigger language plpgsql as $$
begin
  update report_course_days set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug and day = floor(extract(epoch from old.enrolled_at) / 86400)::int;
  update report_org_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug
    and country in (select o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  values (new.course_slug, floor(extract(epoch from new.enrolled_at) / 86400)::int, 1, (new.completed_at is null and new.modules_done = 0)::int,
    (new.completed_at is null and new.modules_done > 0)::int, (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int,
    (extract(epoch from new.last_activity_at) * 1000)::bigint)
  on conflict (course_slug, day) do update set enrolled = report_course_days.enrolled + excluded.enrolled,
    not_started = report_course_days.not_started + excluded.not_started, started = report_course_days.started + excluded.started,
    completed = report_course_days.completed + excluded.completed, score_sum = report_course_days.score_sum + excluded.score_sum,
    scored = report_course_days.scored + excluded.scored, last_activity = greatest(coalesce(report_course_days.last_activity, 0), excluded.last_activity);
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select m.organisation_id, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0)::int, (new.completed_at is null and new.modules_done > 0)::int,
    (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int, (extract(epoch from new.last_activity_at) * 1000)::bigint
  from memberships m where m.user_id = new.user_id and m.role = 'learner'
  on conflict (organisation_id, course_slug) do update set enrolled = report_org_courses.enrolled + excluded.enrolled,
    not_started = report_org_courses.not_started + excluded.not_started, started = report_org_courses.started + excluded.started,
    completed = report_org_courses.completed + excluded.completed, score_sum = report_org_courses.score_sum + excluded.score_sum,
    scored = report_org_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_org_courses.last_activity, 0), excluded.last_activity);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select c.country, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0)::int, (new.completed_at is null and new.modules_done > 0)::int,
    (new.completed_at is not null)::int, coalesce(new.quiz_score, 0), (new.quiz_score is not null)::int, (extract(epoch from new.last_activity_at) * 1000)::bigint
  from (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner') c
  on conflict (country, course_slug) do update set enrolled = report_country_courses.enrolled + excluded.enrolled,
    not_started = report_country_courses.not_started + excluded.not_started, started = report_country_courses.started + excluded.started,
    completed = report_country_courses.completed + excluded.completed, score_sum = report_country_courses.score_sum + excluded.score_sum,
    scored = report_country_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_country_courses.last_activity, 0), excluded.last_activity);
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_update after update of user_id, course_slug, enrolled_at, last_activity_at, completed_at, modules_done, quiz_score on enrolments
for each row when (old.user_id is distinct from new.user_id or old.course_slug is distinct from new.course_slug or old.enrolled_at is distinct from new.enrolled_at)
execute function report_enrolment_update();
--> statement-breakpoint
-- An enrolment's progress (activity, modules done, completion, quiz score) in the same person, course and enrolment time:
-- it counts in each of these rows already (a row whose count falls to 0 is deleted, and one is added with the enrolment
-- or with a membership), so they change in place by the difference.
create function report_enrolment_progress() returns trigger language plpgsql as $$
begin
  update report_course_days set
    not_started = not_started + (new.completed_at is null and new.modules_done = 0)::int - (old.completed_at is null and old.modules_done = 0)::int,
    started = started + (new.completed_at is null and new.modules_done > 0)::int - (old.completed_at is null and old.modules_done > 0)::int,
    completed = completed + (new.completed_at is not null)::int - (old.completed_at is not null)::int,
    score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0), scored = scored + (new.quiz_score is not null)::int - (old.quiz_score is not null)::int,
    last_activity = greatest(coalesce(last_activity, 0), (extract(epoch from new.last_activity_at) * 1000)::bigint)
  where course_slug = new.course_slug and day = floor(extract(epoch from new.enrolled_at) / 86400)::int;
  update report_org_courses set
    not_started = not_started + (new.completed_at is null and new.modules_done = 0)::int - (old.completed_at is null and old.modules_done = 0)::int,
    started = started + (new.completed_at is null and new.modules_done > 0)::int - (old.completed_at is null and old.modules_done > 0)::int,
    completed = completed + (new.completed_at is not null)::int - (old.completed_at is not null)::int,
    score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0), scored = scored + (new.quiz_score is not null)::int - (old.quiz_score is not null)::int,
    last_activity = greatest(coalesce(last_activity, 0), (extract(epoch from new.last_activity_at) * 1000)::bigint)
  where course_slug = new.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = new.user_id and m.role = 'learner');
  update report_country_courses set
    not_started = not_started + (new.completed_at is null and new.modules_done = 0)::int - (old.completed_at is null and old.modules_done = 0)::int,
    started = started + (new.completed_at is null and new.modules_done > 0)::int - (old.completed_at is null and old.modules_done > 0)::int,
    completed = completed + (new.completed_at is not null)::int - (old.completed_at is not null)::int,
    score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0), scored = scored + (new.quiz_score is not null)::int - (old.quiz_score is not null)::int,
    last_activity = greatest(coalesce(last_activity, 0), (extract(epoch from new.last_activity_at) * 1000)::bigint)
  where course_slug = new.course_slug
    and country in (select o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner');
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_progress after update of last_activity_at, completed_at, modules_done, quiz_score on enrolments
for each row when (old.user_id is not distinct from new.user_id and old.course_slug is not distinct from new.course_slug and old.enrolled_at is not distinct from new.enrolled_at)
execute function report_enrolment_progress();
--> statement-breakpoint
-- An enrolment given to another person: the learners counted again.
create function report_enrolment_person() returns trigger language plpgsql as $$
begin
  update report_learners set learners = (select count(*) from users u
    where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id));
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_person after update of user_id on enrolments for each row execute function report_enrolment_person();
--> statement-breakpoint
-- An enrolment deleted: taken out of its rows, their latest activity found again, rows left empty deleted. (Whether its
-- person is no longer a learner is counted once per statement: report_enrolment_delete_learners.)
create function report_enrolment_delete() returns trigger language plpgsql as $$
begin
  update report_course_days set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug and day = floor(extract(epoch from old.enrolled_at) / 86400)::int;
  update report_org_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0)::int,
    started = started - (old.completed_at is null and old.modules_done > 0)::int, completed = completed - (old.completed_at is not null)::int,
    score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)::int
  where course_slug = old.course_slug
    and country in (select o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  update report_course_days set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint from enrolments e
      where e.course_slug = report_course_days.course_slug and e.enrolled_at >= to_timestamp(report_course_days.day::bigint * 86400)
        and e.enrolled_at < to_timestamp((report_course_days.day::bigint + 1) * 86400))
  where course_slug = old.course_slug and day = floor(extract(epoch from old.enrolled_at) / 86400)::int;
  update report_org_courses set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
      from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint from enrolments e
      where e.course_slug = report_country_courses.course_slug and e.user_id in (select m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country = report_country_courses.country))
  where course_slug = old.course_slug
    and country in (select o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  delete from report_course_days where enrolled = 0 and certificates = 0;
  delete from report_org_courses where enrolled = 0;
  delete from report_country_courses where enrolled = 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_delete after delete on enrolments for each row execute function report_enrolment_delete();
--> statement-breakpoint
-- A person stops counting among the learners with their last enrolment or learner membership: those of the statement's
-- deleted enrolments whose person now has neither.
create function report_enrolment_delete_learners() returns trigger language plpgsql as $$
begin
  update report_learners set learners = learners - f.n
  from (select count(distinct r.user_id) n from removed r
        where not exists (select 1 from memberships m where m.user_id = r.user_id and m.role = 'learner')
          and not exists (select 1 from enrolments e where e.user_id = r.user_id)) f
  where f.n > 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_enrolment_delete_learners after delete on enrolments referencing old table as removed
for each statement execute function report_enrolment_delete_learners();
--> statement-breakpoint
-- A new learner membership brings its person's enrolments into the co-op's rows. (Their country and the learner counts,
-- where this is the person's first co-op there or first membership, are counted once per statement:
-- report_membership_insert_learners.)
create function report_membership_insert() returns trigger language plpgsql as $$
begin
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select new.organisation_id, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from enrolments e where e.user_id = new.user_id group by e.course_slug
  on conflict (organisation_id, course_slug) do update set enrolled = report_org_courses.enrolled + excluded.enrolled,
    not_started = report_org_courses.not_started + excluded.not_started, started = report_org_courses.started + excluded.started,
    completed = report_org_courses.completed + excluded.completed, score_sum = report_org_courses.score_sum + excluded.score_sum,
    scored = report_org_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_org_courses.last_activity, 0), excluded.last_activity);
  return null;
end $$;
--> statement-breakpoint
create trigger report_membership_insert after insert on memberships for each row when (new.role = 'learner') execute function report_membership_insert();
--> statement-breakpoint
-- New learner memberships, once per statement: a person whose first co-op in a country this is brings their enrolments
-- into that country's rows and counts once more among its learners (a learner of two co-ops in one country counts
-- once); a person with no enrolment whose first learner membership this is counts once more among the learners.
create function report_membership_insert_learners() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from added where role = 'learner') then return null; end if;
  with fresh as (
    select distinct a.user_id, o.country from added a join organisations o on o.id = a.organisation_id
    where a.role = 'learner' and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
      where m.user_id = a.user_id and m.role = 'learner' and x.country = o.country
        and not exists (select 1 from added b where b.user_id = m.user_id and b.organisation_id = m.organisation_id and b.role = m.role)))
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select f.country, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from fresh f join enrolments e on e.user_id = f.user_id group by f.country, e.course_slug
  on conflict (country, course_slug) do update set enrolled = report_country_courses.enrolled + excluded.enrolled,
    not_started = report_country_courses.not_started + excluded.not_started, started = report_country_courses.started + excluded.started,
    completed = report_country_courses.completed + excluded.completed, score_sum = report_country_courses.score_sum + excluded.score_sum,
    scored = report_country_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_country_courses.last_activity, 0), excluded.last_activity);
  with fresh as (
    select distinct a.user_id, o.country from added a join organisations o on o.id = a.organisation_id
    where a.role = 'learner' and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
      where m.user_id = a.user_id and m.role = 'learner' and x.country = o.country
        and not exists (select 1 from added b where b.user_id = m.user_id and b.organisation_id = m.organisation_id and b.role = m.role)))
  insert into report_country_learners (country, learners)
  select f.country, count(*) from fresh f group by f.country
  on conflict (country) do update set learners = report_country_learners.learners + excluded.learners;
  update report_learners set learners = learners + f.n
  from (select count(distinct a.user_id) n from added a
        where a.role = 'learner' and not exists (select 1 from enrolments e where e.user_id = a.user_id)
          and not exists (select 1 from memberships m where m.user_id = a.user_id and m.role = 'learner'
            and not exists (select 1 from added b where b.user_id = m.user_id and b.organisation_id = m.organisation_id and b.role = m.role))) f
  where f.n > 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_membership_insert_learners after insert on memberships referencing new table as added
for each statement execute function report_membership_insert_learners();
--> statement-breakpoint
-- A learner membership deleted takes its person's enrolments out of the co-op's rows; their latest activity found
-- again; rows left empty deleted. (Their country and the learner counts: report_membership_delete_learners.)
create function report_membership_delete() returns trigger language plpgsql as $$
begin
  update report_org_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select e.course_slug, count(*) d_enrolled, sum((e.completed_at is null and e.modules_done = 0)::int) d_not_started,
          sum((e.completed_at is null and e.modules_done > 0)::int) d_started, sum((e.completed_at is not null)::int) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from enrolments e where e.user_id = old.user_id group by e.course_slug) a
  where report_org_courses.organisation_id = old.organisation_id and report_org_courses.course_slug = a.course_slug;
  update report_org_courses set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
      from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where organisation_id = old.organisation_id;
  delete from report_org_courses where enrolled = 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_membership_delete after delete on memberships for each row when (old.role = 'learner') execute function report_membership_delete();
--> statement-breakpoint
-- Learner memberships deleted, once per statement: a person left with no co-op in a country takes their enrolments out
-- of that country's rows and counts once less among its learners; the countries' latest activity is found again; a
-- person left with no learner membership and no enrolment counts once less among the learners.
create function report_membership_delete_learners() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from removed where role = 'learner') then return null; end if;
  with gone as (
    select distinct r.user_id, o.country from removed r join organisations o on o.id = r.organisation_id
    where r.role = 'learner' and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
      where m.user_id = r.user_id and m.role = 'learner' and x.country = o.country))
  update report_country_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select g.country, e.course_slug, count(*) d_enrolled, sum((e.completed_at is null and e.modules_done = 0)::int) d_not_started,
          sum((e.completed_at is null and e.modules_done > 0)::int) d_started, sum((e.completed_at is not null)::int) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from gone g join enrolments e on e.user_id = g.user_id group by g.country, e.course_slug) a
  where report_country_courses.country = a.country and report_country_courses.course_slug = a.course_slug;
  update report_country_courses set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint from enrolments e
      where e.course_slug = report_country_courses.course_slug and e.user_id in (select m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country = report_country_courses.country))
  where country in (select o.country from removed r join organisations o on o.id = r.organisation_id where r.role = 'learner');
  with gone as (
    select distinct r.user_id, o.country from removed r join organisations o on o.id = r.organisation_id
    where r.role = 'learner' and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
      where m.user_id = r.user_id and m.role = 'learner' and x.country = o.country))
  update report_country_learners set learners = learners - g.n
  from (select country, count(*) n from gone group by country) g
  where report_country_learners.country = g.country;
  update report_learners set learners = learners - f.n
  from (select count(distinct r.user_id) n from removed r
        where r.role = 'learner' and not exists (select 1 from memberships m where m.user_id = r.user_id and m.role = 'learner')
          and not exists (select 1 from enrolments e where e.user_id = r.user_id)) f
  where f.n > 0;
  delete from report_country_courses where enrolled = 0;
  return null;
end $$;
--> statement-breakpoint
create trigger report_membership_delete_learners after delete on memberships referencing old table as removed
for each statement execute function report_membership_delete_learners();
--> statement-breakpoint
-- A membership that changes person, co-op or role: out of the old co-op, into the new one; both countries counted again.
create function report_membership_update() returns trigger language plpgsql as $$
begin
  update report_org_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select e.course_slug, count(*) d_enrolled, sum((e.completed_at is null and e.modules_done = 0)::int) d_not_started,
          sum((e.completed_at is null and e.modules_done > 0)::int) d_started, sum((e.completed_at is not null)::int) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from enrolments e where e.user_id = old.user_id and old.role = 'learner' group by e.course_slug) a
  where report_org_courses.organisation_id = old.organisation_id and report_org_courses.course_slug = a.course_slug;
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select new.organisation_id, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from enrolments e where e.user_id = new.user_id and new.role = 'learner' group by e.course_slug
  on conflict (organisation_id, course_slug) do update set enrolled = report_org_courses.enrolled + excluded.enrolled,
    not_started = report_org_courses.not_started + excluded.not_started, started = report_org_courses.started + excluded.started,
    completed = report_org_courses.completed + excluded.completed, score_sum = report_org_courses.score_sum + excluded.score_sum,
    scored = report_org_courses.scored + excluded.scored, last_activity = greatest(coalesce(report_org_courses.last_activity, 0), excluded.last_activity);
  update report_org_courses set last_activity = (select (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
      from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where organisation_id in (old.organisation_id, new.organisation_id);
  delete from report_org_courses where enrolled = 0;
  delete from report_country_courses where country in (select country from organisations where id in (old.organisation_id, new.organisation_id));
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select p.country, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country in (select country from organisations where id in (old.organisation_id, new.organisation_id))) p
  join enrolments e on e.user_id = p.user_id group by p.country, e.course_slug;
  insert into report_country_learners (country, learners)
  select c.country, (select count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and o.country = c.country)
  from (select distinct country from organisations where country in (select country from organisations where id in (old.organisation_id, new.organisation_id))
        union select country from report_country_learners where country in (select country from organisations where id in (old.organisation_id, new.organisation_id))) c
  on conflict (country) do update set learners = excluded.learners;
  update report_learners set learners = (select count(*) from users u
    where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id));
  return null;
end $$;
--> statement-breakpoint
create trigger report_membership_update after update of user_id, organisation_id, role on memberships for each row execute function report_membership_update();
--> statement-breakpoint
-- A co-op that moves country (a correction): both countries counted again.
create function report_organisation_country() returns trigger language plpgsql as $$
begin
  delete from report_country_courses where country in (old.country, new.country);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select p.country, e.course_slug, count(*), sum((e.completed_at is null and e.modules_done = 0)::int), sum((e.completed_at is null and e.modules_done > 0)::int),
    sum((e.completed_at is not null)::int), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), (extract(epoch from max(e.last_activity_at)) * 1000)::bigint
  from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country in (old.country, new.country)) p
  join enrolments e on e.user_id = p.user_id group by p.country, e.course_slug;
  insert into report_country_learners (country, learners)
  select c.country, (select count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and o.country = c.country)
  from (select distinct country from organisations where country in (old.country, new.country)
        union select country from report_country_learners where country in (old.country, new.country)) c
  on conflict (country) do update set learners = excluded.learners;
  return null;
end $$;
--> statement-breakpoint
create trigger report_organisation_country after update of country on organisations for each row execute function report_organisation_country();
--> statement-breakpoint
-- A certificate not revoked counts on its enrolment's course and day.
create function report_certificate_insert() returns trigger language plpgsql as $$
begin
  update report_course_days set certificates = certificates + 1
  where (course_slug, day) = (select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int from enrolments e where e.id = new.enrolment_id);
  return null;
end $$;
--> statement-breakpoint
create trigger report_certificate_insert after insert on certificates for each row when (new.revoked_at is null) execute function report_certificate_insert();
--> statement-breakpoint
-- A certificate revoked (or restored, or moved to another enrolment): out of the old count, into the new one.
create function report_certificate_revoke() returns trigger language plpgsql as $$
begin
  update report_course_days set certificates = certificates - (old.revoked_at is null)::int
  where (course_slug, day) = (select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int from enrolments e where e.id = old.enrolment_id);
  update report_course_days set certificates = certificates + (new.revoked_at is null)::int
  where (course_slug, day) = (select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int from enrolments e where e.id = new.enrolment_id);
  return null;
end $$;
--> statement-breakpoint
create trigger report_certificate_revoke after update of revoked_at, enrolment_id on certificates for each row execute function report_certificate_revoke();
--> statement-breakpoint
-- A certificate not revoked deleted.
create function report_certificate_delete() returns trigger language plpgsql as $$
begin
  update report_course_days set certificates = certificates - 1
  where (course_slug, day) = (select e.course_slug, floor(extract(epoch from e.enrolled_at) / 86400)::int from enrolments e where e.id = old.enrolment_id);
  return null;
end $$;
--> statement-breakpoint
create trigger report_certificate_delete after delete on certificates for each row when (old.revoked_at is null) execute function report_certificate_delete();
