-- Report totals: an enrolment's progress (activity, modules done, completion, quiz score) changes on every module
-- completed and every quiz submitted. Its totals were updated by taking the old row out and putting the new one in:
-- six statements. When the enrolment stays in the same course, day and person, the same rows change by the
-- difference instead: three statements. A change of person, course or enrolment day still goes the long way.
drop trigger report_enrolment_update;
--> statement-breakpoint
create trigger report_enrolment_update after update of user_id, course_slug, enrolled_at, last_activity_at, completed_at, modules_done, quiz_score on enrolments
when old.user_id is not new.user_id or old.course_slug is not new.course_slug or old.enrolled_at is not new.enrolled_at begin
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
-- The enrolment contributes to each of these rows already (a row whose count falls to 0 is deleted, and one is
-- added with the enrolment or with a membership), so updating them in place loses nothing.
create trigger report_enrolment_progress after update of last_activity_at, completed_at, modules_done, quiz_score on enrolments
when old.user_id is new.user_id and old.course_slug is new.course_slug and old.enrolled_at is new.enrolled_at begin
  update report_course_days set not_started = not_started + (new.completed_at is null and new.modules_done = 0) - (old.completed_at is null and old.modules_done = 0),
    started = started + (new.completed_at is null and new.modules_done > 0) - (old.completed_at is null and old.modules_done > 0),
    completed = completed + (new.completed_at is not null) - (old.completed_at is not null), score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0),
    scored = scored + (new.quiz_score is not null) - (old.quiz_score is not null), last_activity = max(coalesce(last_activity, 0), new.last_activity_at)
  where course_slug = new.course_slug and day = new.enrolled_at / 86400000;
  update report_org_courses set not_started = not_started + (new.completed_at is null and new.modules_done = 0) - (old.completed_at is null and old.modules_done = 0),
    started = started + (new.completed_at is null and new.modules_done > 0) - (old.completed_at is null and old.modules_done > 0),
    completed = completed + (new.completed_at is not null) - (old.completed_at is not null), score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0),
    scored = scored + (new.quiz_score is not null) - (old.quiz_score is not null), last_activity = max(coalesce(last_activity, 0), new.last_activity_at)
  where course_slug = new.course_slug and organisation_id in (select m.organisation_id from memberships m where m.user_id = new.user_id and m.role = 'learner');
  update report_country_courses set not_started = not_started + (new.completed_at is null and new.modules_done = 0) - (old.completed_at is null and old.modules_done = 0),
    started = started + (new.completed_at is null and new.modules_done > 0) - (old.completed_at is null and old.modules_done > 0),
    completed = completed + (new.completed_at is not null) - (old.completed_at is not null), score_sum = score_sum + coalesce(new.quiz_score, 0) - coalesce(old.quiz_score, 0),
    scored = scored + (new.quiz_score is not null) - (old.quiz_score is not null), last_activity = max(coalesce(last_activity, 0), new.last_activity_at)
  where course_slug = new.course_slug and country in (select distinct o.country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = new.user_id and m.role = 'learner');
end;
