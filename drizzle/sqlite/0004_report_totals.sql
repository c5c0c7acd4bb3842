CREATE TABLE `report_country_courses` (
	`country` text NOT NULL,
	`course_slug` text NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`last_activity` integer,
	PRIMARY KEY(`country`, `course_slug`)
);
--> statement-breakpoint
CREATE TABLE `report_country_learners` (
	`country` text PRIMARY KEY NOT NULL,
	`learners` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_course_days` (
	`course_slug` text NOT NULL,
	`day` integer NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`last_activity` integer,
	`certificates` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_slug`, `day`)
);
--> statement-breakpoint
CREATE TABLE `report_learners` (
	`id` integer PRIMARY KEY NOT NULL,
	`learners` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_org_courses` (
	`organisation_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`last_activity` integer,
	PRIMARY KEY(`organisation_id`, `course_slug`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Report totals: filled from what is there, then kept by triggers.
insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
select e.course_slug, e.enrolled_at / 86400000, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
from enrolments e group by e.course_slug, e.enrolled_at / 86400000;
--> statement-breakpoint
update report_course_days set certificates = c.n
from (select e.course_slug, e.enrolled_at / 86400000 day, count(*) n from certificates c join enrolments e on e.id = c.enrolment_id
      where c.revoked_at is null group by e.course_slug, e.enrolled_at / 86400000) c
where report_course_days.course_slug = c.course_slug and report_course_days.day = c.day;
--> statement-breakpoint
insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
select m.organisation_id, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
from memberships m join enrolments e on e.user_id = m.user_id where m.role = 'learner' group by m.organisation_id, e.course_slug;
--> statement-breakpoint
insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
select p.country, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id where m.role = 'learner') p
join enrolments e on e.user_id = p.user_id group by p.country, e.course_slug;
--> statement-breakpoint
insert into report_country_learners (country, learners)
select o.country, count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id where m.role = 'learner' group by o.country;
--> statement-breakpoint
insert into report_learners (id, learners) select 1, count(*) from users u
where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id);
--> statement-breakpoint
create trigger report_enrolment_insert after insert on enrolments begin
  insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  values (new.course_slug, new.enrolled_at / 86400000, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at)
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select m.organisation_id, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at from memberships m where m.user_id = new.user_id and m.role = 'learner'
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select c.country, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at from (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner') c where true
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  update report_learners set learners = learners + 1
  where not exists (select 1 from memberships m where m.user_id = new.user_id and m.role = 'learner') and (select count(*) from enrolments e where e.user_id = new.user_id) = 1;
end;
--> statement-breakpoint
create trigger report_enrolment_update after update of user_id, course_slug, enrolled_at, last_activity_at, completed_at, modules_done, quiz_score on enrolments begin
  update report_course_days set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and day = old.enrolled_at / 86400000;
  update report_org_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and country in (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  insert into report_course_days (course_slug, day, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  values (new.course_slug, new.enrolled_at / 86400000, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at)
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select m.organisation_id, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at from memberships m where m.user_id = new.user_id and m.role = 'learner'
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select c.country, new.course_slug, 1, (new.completed_at is null and new.modules_done = 0), (new.completed_at is null and new.modules_done > 0), (new.completed_at is not null), coalesce(new.quiz_score, 0), (new.quiz_score is not null), new.last_activity_at from (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner') c where true
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
end;
--> statement-breakpoint
create trigger report_enrolment_person after update of user_id on enrolments begin
  update report_learners set learners = (select count(*) from users u
    where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id));
end;
--> statement-breakpoint
create trigger report_enrolment_delete after delete on enrolments begin
  update report_course_days set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and day = old.enrolled_at / 86400000;
  update report_org_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set enrolled = enrolled - 1, not_started = not_started - (old.completed_at is null and old.modules_done = 0), started = started - (old.completed_at is null and old.modules_done > 0),
    completed = completed - (old.completed_at is not null), score_sum = score_sum - coalesce(old.quiz_score, 0), scored = scored - (old.quiz_score is not null)
  where course_slug = old.course_slug and country in (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  update report_course_days set last_activity = (select max(e.last_activity_at) from enrolments e
      where e.course_slug = report_course_days.course_slug and e.enrolled_at >= report_course_days.day * 86400000 and e.enrolled_at < (report_course_days.day + 1) * 86400000)
  where course_slug = old.course_slug and day = old.enrolled_at / 86400000;
  update report_org_courses set last_activity = (select max(e.last_activity_at) from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where course_slug = old.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = old.user_id and m.role = 'learner');
  update report_country_courses set last_activity = (select max(e.last_activity_at) from enrolments e
      where e.course_slug = report_country_courses.course_slug and e.user_id in (select m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country = report_country_courses.country))
  where course_slug = old.course_slug and country in (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = old.user_id and m.role = 'learner');
  update report_learners set learners = learners - 1 where not exists (select 1 from memberships m where m.user_id = old.user_id and m.role = 'learner') and not exists (select 1 from enrolments e where e.user_id = old.user_id);
  delete from report_course_days where enrolled = 0 and certificates = 0;
  delete from report_org_courses where enrolled = 0;
  delete from report_country_courses where enrolled = 0;
end;
--> statement-breakpoint
create trigger report_membership_insert after insert on memberships when new.role = 'learner' begin
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select new.organisation_id, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
  from enrolments e where e.user_id = new.user_id group by e.course_slug
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select o.country, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
  from enrolments e join organisations o on o.id = new.organisation_id
  where e.user_id = new.user_id and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
    where m.user_id = new.user_id and m.role = 'learner' and m.organisation_id != new.organisation_id and x.country = o.country)
  group by o.country, e.course_slug
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  insert into report_country_learners (country, learners)
  select o.country, 1 from organisations o where o.id = new.organisation_id and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
    where m.user_id = new.user_id and m.role = 'learner' and m.organisation_id != new.organisation_id and x.country = o.country)
  on conflict do update set learners = learners + 1;
  update report_learners set learners = learners + 1
  where not exists (select 1 from enrolments e where e.user_id = new.user_id) and (select count(*) from memberships m where m.user_id = new.user_id and m.role = 'learner') = 1;
end;
--> statement-breakpoint
create trigger report_membership_delete after delete on memberships when old.role = 'learner' begin
  update report_org_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select e.course_slug, count(*) d_enrolled, sum(e.completed_at is null and e.modules_done = 0) d_not_started,
          sum(e.completed_at is null and e.modules_done > 0) d_started, sum(e.completed_at is not null) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from enrolments e where e.user_id = old.user_id group by e.course_slug) a
  where report_org_courses.organisation_id = old.organisation_id and report_org_courses.course_slug = a.course_slug;
  update report_org_courses set last_activity = (select max(e.last_activity_at) from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where organisation_id = old.organisation_id;
  update report_country_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select o.country, e.course_slug, count(*) d_enrolled, sum(e.completed_at is null and e.modules_done = 0) d_not_started,
          sum(e.completed_at is null and e.modules_done > 0) d_started, sum(e.completed_at is not null) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from enrolments e join organisations o on o.id = old.organisation_id
        where e.user_id = old.user_id and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
          where m.user_id = old.user_id and m.role = 'learner' and x.country = o.country)
        group by o.country, e.course_slug) a
  where report_country_courses.country = a.country and report_country_courses.course_slug = a.course_slug;
  update report_country_courses set last_activity = (select max(e.last_activity_at) from enrolments e
      where e.course_slug = report_country_courses.course_slug and e.user_id in (select m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country = report_country_courses.country))
  where country = (select country from organisations where id = old.organisation_id);
  update report_country_learners set learners = learners - 1
  where country = (select country from organisations where id = old.organisation_id) and not exists (select 1 from memberships m join organisations x on x.id = m.organisation_id
    where m.user_id = old.user_id and m.role = 'learner' and x.country = report_country_learners.country);
  update report_learners set learners = learners - 1 where not exists (select 1 from memberships m where m.user_id = old.user_id and m.role = 'learner') and not exists (select 1 from enrolments e where e.user_id = old.user_id);
  delete from report_org_courses where enrolled = 0;
  delete from report_country_courses where enrolled = 0;
end;
--> statement-breakpoint
-- A membership that changes person, co-op or role: out of the old co-op, into the new one; both countries counted again.
create trigger report_membership_update after update of user_id, organisation_id, role on memberships begin
  update report_org_courses set enrolled = enrolled - a.d_enrolled, not_started = not_started - a.d_not_started, started = started - a.d_started,
    completed = completed - a.d_completed, score_sum = score_sum - a.d_score_sum, scored = scored - a.d_scored
  from (select e.course_slug, count(*) d_enrolled, sum(e.completed_at is null and e.modules_done = 0) d_not_started,
          sum(e.completed_at is null and e.modules_done > 0) d_started, sum(e.completed_at is not null) d_completed,
          coalesce(sum(e.quiz_score), 0) d_score_sum, count(e.quiz_score) d_scored
        from enrolments e where e.user_id = old.user_id and old.role = 'learner' group by e.course_slug) a
  where report_org_courses.organisation_id = old.organisation_id and report_org_courses.course_slug = a.course_slug;
  insert into report_org_courses (organisation_id, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select new.organisation_id, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
  from enrolments e where e.user_id = new.user_id and new.role = 'learner' group by e.course_slug
  on conflict do update set enrolled = enrolled + excluded.enrolled, not_started = not_started + excluded.not_started,
    started = started + excluded.started, completed = completed + excluded.completed, score_sum = score_sum + excluded.score_sum,
    scored = scored + excluded.scored, last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
  update report_org_courses set last_activity = (select max(e.last_activity_at) from enrolments e join memberships m on m.user_id = e.user_id and m.role = 'learner'
      where m.organisation_id = report_org_courses.organisation_id and e.course_slug = report_org_courses.course_slug)
  where organisation_id in (old.organisation_id, new.organisation_id);
  delete from report_org_courses where enrolled = 0;
  delete from report_country_courses where country in (select country from organisations where id in (old.organisation_id, new.organisation_id));
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select p.country, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
  from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country in (select country from organisations where id in (old.organisation_id, new.organisation_id))) p
  join enrolments e on e.user_id = p.user_id where true group by p.country, e.course_slug;
  insert into report_country_learners (country, learners)
  select c.country, (select count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and o.country = c.country)
  from (select distinct country from organisations where country in (select country from organisations where id in (old.organisation_id, new.organisation_id))
        union select country from report_country_learners where country in (select country from organisations where id in (old.organisation_id, new.organisation_id))) c where true
  on conflict do update set learners = excluded.learners;
  update report_learners set learners = (select count(*) from users u
    where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner') or exists (select 1 from enrolments e where e.user_id = u.id));
end;
--> statement-breakpoint
-- A co-op that moves country (a correction): both countries counted again.
create trigger report_organisation_country after update of country on organisations begin
  delete from report_country_courses where country in (old.country, new.country);
  insert into report_country_courses (country, course_slug, enrolled, not_started, started, completed, score_sum, scored, last_activity)
  select p.country, e.course_slug, count(*), sum(e.completed_at is null and e.modules_done = 0), sum(e.completed_at is null and e.modules_done > 0),
    sum(e.completed_at is not null), coalesce(sum(e.quiz_score), 0), count(e.quiz_score), max(e.last_activity_at)
  from (select distinct o.country, m.user_id from memberships m join organisations o on o.id = m.organisation_id
        where m.role = 'learner' and o.country in (old.country, new.country)) p
  join enrolments e on e.user_id = p.user_id where true group by p.country, e.course_slug;
  insert into report_country_learners (country, learners)
  select c.country, (select count(distinct m.user_id) from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and o.country = c.country)
  from (select distinct country from organisations where country in (old.country, new.country)
        union select country from report_country_learners where country in (old.country, new.country)) c where true
  on conflict do update set learners = excluded.learners;
end;
--> statement-breakpoint
create trigger report_certificate_insert after insert on certificates when new.revoked_at is null begin
  update report_course_days set certificates = certificates + 1
  where (course_slug, day) = (select e.course_slug, e.enrolled_at / 86400000 from enrolments e where e.id = new.enrolment_id);
end;
--> statement-breakpoint
create trigger report_certificate_revoke after update of revoked_at, enrolment_id on certificates begin
  update report_course_days set certificates = certificates - (old.revoked_at is null)
  where (course_slug, day) = (select e.course_slug, e.enrolled_at / 86400000 from enrolments e where e.id = old.enrolment_id);
  update report_course_days set certificates = certificates + (new.revoked_at is null)
  where (course_slug, day) = (select e.course_slug, e.enrolled_at / 86400000 from enrolments e where e.id = new.enrolment_id);
end;
--> statement-breakpoint
create trigger report_certificate_delete after delete on certificates when old.revoked_at is null begin
  update report_course_days set certificates = certificates - 1
  where (course_slug, day) = (select e.course_slug, e.enrolled_at / 86400000 from enrolments e where e.id = old.enrolment_id);
end;
