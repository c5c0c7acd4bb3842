-- Report totals under concurrent writers. The triggers of 0001 read memberships when an enrolment changes and
-- enrolments when a membership changes; on SQLite one transaction writes at a time, but on PostgreSQL two
-- transactions writing the same person's enrolment and membership at once would each read the other table
-- without the other's uncommitted row, and the co-op and country totals would miss that enrolment. A lock per
-- person, taken before the row is written and held to the commit, makes the second wait, and its triggers then
-- read what the first committed. The key is the same as the app's lockFor('person:<id>').
create function report_person_lock() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform pg_advisory_xact_lock(hashtextextended('person:' || old.user_id, 0));
  end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.user_id is distinct from old.user_id) then
    perform pg_advisory_xact_lock(hashtextextended('person:' || new.user_id, 0));
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end $$;
--> statement-breakpoint
create trigger report_person_lock before insert or update or delete on enrolments for each row execute function report_person_lock();
--> statement-breakpoint
create trigger report_person_lock before insert or update or delete on memberships for each row execute function report_person_lock();
