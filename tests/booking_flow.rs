//! The booking path over HTTP on SQLite and PostgreSQL. The tests cover
//! booking, confirming and checking in, waitlist promotion on cancel, the
//! cancellation deadline, the school quota, the audited lottery and the
//! ICS feed.

mod support;

use axum::http::StatusCode;
use chrono::{TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::app::{TestApp, start};
use support::booking::{SessionSpec, World, booking_form, world};
use xieyu::accounts::entity::audit_log;
use xieyu::booking::api::{BookingDetail, BookingOutcome};
use xieyu::booking::entity::{booking, quota, session};
use xieyu::booking::lottery::{LotteryEntry, draw};
use xieyu::booking::rules::Allocation;
use xieyu::booking::state::BookingState;

async fn book(app: &TestApp, world: &World, class_name: &str, pupils: u32) -> support::app::Answer {
    let form = booking_form(world.session.id, class_name, pupils);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call("/api/booking/book", &pairs, Some(&world.teacher_token)).await
}

async fn booked(app: &TestApp, world: &World, class_name: &str, pupils: u32) -> BookingOutcome {
    let answer = book(app, world, class_name, pupils).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

async fn state_of(app: &TestApp, id: i64) -> String {
    booking::Entity::find_by_id(id)
        .one(app.state.db.conn())
        .await
        .expect("query booking")
        .expect("booking exists")
        .state
}

async fn places_held(app: &TestApp, world: &World) -> i32 {
    session::Entity::find_by_id(world.session.id)
        .one(app.state.db.conn())
        .await
        .expect("query session")
        .expect("session exists")
        .places_held
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn book_confirm_check_in() {
    for database in support::each_backend().await {
        let app = start(database).await;
        let spec = SessionSpec {
            auto_confirm: false,
            starts_at: Utc::now() + TimeDelta::minutes(10),
            closes_hours_before: 0,
            cancel_hours_before: 0,
            ..SessionSpec::default()
        };
        let world = world(&app.state.db, spec).await;

        let outcome = booked(&app, &world, "三年级（2）班", 38).await;
        assert_eq!(outcome.state, BookingState::Requested);
        assert_eq!(places_held(&app, &world).await, 38, "a request holds its places");

        // The same class cannot book twice; too few teachers is a field error.
        let again = book(&app, &world, "三年级（２）班", 10).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.body.contains("已预约过本场次"), "{}", again.body);
        let mut form = booking_form(world.session.id, "四年级1班", 45);
        form[4].1 = "1".into();
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let ratio = app.call("/api/booking/book", &pairs, Some(&world.teacher_token)).await;
        assert_eq!(ratio.status, StatusCode::BAD_REQUEST);
        assert!(ratio.body.contains("带队教师"), "{}", ratio.body);

        let id = outcome.booking_id.to_string();
        let staff_confirm = app
            .call("/api/booking/confirm", &[("id", &id)], Some(&world.staff_token))
            .await;
        assert_eq!(staff_confirm.status, StatusCode::FORBIDDEN, "staff cannot confirm");
        let confirm = app
            .call(
                "/api/booking/confirm",
                &[("id", &id)],
                Some(&world.provider_admin_token),
            )
            .await;
        assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);

        let detail: BookingDetail = app
            .call("/api/booking/detail", &[("id", &id)], Some(&world.teacher_token))
            .await
            .json();
        let code = detail.checkin_code.expect("the school sees its code");
        assert!(detail.qr_svg.is_some_and(|svg| svg.contains("<svg")));
        let provider_view: BookingDetail = app
            .call("/api/booking/detail", &[("id", &id)], Some(&world.provider_admin_token))
            .await
            .json();
        assert_eq!(provider_view.checkin_code, None, "the code is the school's");

        let too_many = app
            .call(
                "/api/booking/check-in",
                &[("code", &code), ("present", "39")],
                Some(&world.staff_token),
            )
            .await;
        assert_eq!(too_many.status, StatusCode::BAD_REQUEST, "{}", too_many.body);
        let typed = code.to_lowercase().replace('-', " ");
        let check_in = app
            .call(
                "/api/booking/check-in",
                &[("code", &typed), ("present", "36")],
                Some(&world.staff_token),
            )
            .await;
        assert_eq!(check_in.status, StatusCode::OK, "{}", check_in.body);
        assert_eq!(state_of(&app, outcome.booking_id).await, "checked_in");
        let twice = app
            .call(
                "/api/booking/check-in",
                &[("code", &code), ("present", "36")],
                Some(&world.staff_token),
            )
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);

        let after: BookingDetail = app
            .call("/api/booking/detail", &[("id", &id)], Some(&world.teacher_token))
            .await
            .json();
        assert_eq!(after.booking.present_count, Some(36));
        let states: Vec<BookingState> = after.events.iter().map(|e| e.to).collect();
        assert_eq!(
            states,
            [
                BookingState::Requested,
                BookingState::Confirmed,
                BookingState::CheckedIn
            ]
        );
        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_promotes_fitting_groups() {
    for database in support::each_backend().await {
        let app = start(database).await;
        let spec = SessionSpec {
            capacity: 40,
            allocation: Allocation::FirstCome { waitlist: true },
            ..SessionSpec::default()
        };
        let world = world(&app.state.db, spec).await;

        let first = booked(&app, &world, "一班", 40).await;
        assert_eq!(first.state, BookingState::Confirmed);
        let b = booked(&app, &world, "二班", 20).await;
        let c = booked(&app, &world, "三班", 25).await;
        let d = booked(&app, &world, "四班", 15).await;
        for outcome in [&b, &c, &d] {
            assert_eq!(outcome.state, BookingState::Waitlisted);
        }

        let id = first.booking_id.to_string();
        let cancel = app
            .call(
                "/api/booking/cancel",
                &[("id", &id), ("reason", "行程调整")],
                Some(&world.teacher_token),
            )
            .await;
        assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.body);

        // 40 places are free and 20 go to the second class. The third (25)
        // does not fit the 20 left, so it keeps its place, and the fourth (15) fits.
        assert_eq!(state_of(&app, b.booking_id).await, "confirmed");
        assert_eq!(state_of(&app, c.booking_id).await, "waitlisted");
        assert_eq!(state_of(&app, d.booking_id).await, "confirmed");
        assert_eq!(places_held(&app, &world).await, 35);
        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadline_and_quota_refuse() {
    for database in support::each_backend().await {
        let app = start(database).await;
        let spec = SessionSpec {
            cancel_hours_before: 24 * 4,
            ..SessionSpec::default()
        };
        let world = world(&app.state.db, spec).await;

        let outcome = booked(&app, &world, "一班", 10).await;
        let id = outcome.booking_id.to_string();
        let late = app
            .call(
                "/api/booking/cancel",
                &[("id", &id), ("reason", "")],
                Some(&world.teacher_token),
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        assert!(late.body.contains("已过取消截止时间"), "{}", late.body);
        let by_provider = app
            .call(
                "/api/booking/cancel",
                &[("id", &id), ("reason", "")],
                Some(&world.provider_admin_token),
            )
            .await;
        assert_eq!(by_provider.status, StatusCode::OK, "the provider may still cancel");

        let date = world.session.service_date.clone();
        let term = xieyu::booking::quota::Term::containing(date.parse().expect("service date"));
        let row = quota::ActiveModel {
            school_id: Set(world.school_id),
            school_year: Set(term.school_year),
            semester: Set(xieyu::booking::service::quotas::semester_code(term.semester).into()),
            max_bookings: Set(None),
            max_pupils: Set(Some(30)),
            set_by: Set(world.teacher_id),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        quota::Entity::insert(row)
            .exec_without_returning(app.state.db.conn())
            .await
            .expect("insert quota");
        booked(&app, &world, "二班", 20).await;
        let over = book(&app, &world, "三班", 15).await;
        assert_eq!(over.status, StatusCode::CONFLICT);
        assert!(over.body.contains("学生名额"), "{}", over.body);
        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lottery_draw_is_audited_and_repeatable() {
    for database in support::each_backend().await {
        let app = start(database).await;
        let spec = SessionSpec {
            capacity: 30,
            allocation: Allocation::Lottery,
            ..SessionSpec::default()
        };
        let world = world(&app.state.db, spec).await;

        let mut ids = Vec::new();
        for class_name in ["一班", "二班", "三班"] {
            let outcome = booked(&app, &world, class_name, 20).await;
            assert_eq!(outcome.state, BookingState::Requested);
            ids.push(outcome.booking_id);
        }
        assert_eq!(places_held(&app, &world).await, 0, "no places before the draw");

        let session_id = world.session.id.to_string();
        let early = app
            .call(
                "/api/booking/draw",
                &[("session_id", &session_id)],
                Some(&world.officer_token),
            )
            .await;
        assert_eq!(early.status, StatusCode::CONFLICT, "not while booking is open");

        let closed = session::ActiveModel {
            id: Set(world.session.id),
            booking_closes_at: Set(Utc::now() - TimeDelta::minutes(1)),
            ..Default::default()
        };
        session::Entity::update(closed)
            .exec(app.state.db.conn())
            .await
            .expect("close booking");
        let drawn = app
            .call(
                "/api/booking/draw",
                &[("session_id", &session_id)],
                Some(&world.officer_token),
            )
            .await;
        assert_eq!(drawn.status, StatusCode::OK, "{}", drawn.body);
        let seed: String = drawn.json();

        let rows = booking::Entity::find()
            .filter(booking::Column::SessionId.eq(world.session.id))
            .all(app.state.db.conn())
            .await
            .expect("query bookings");
        let winners: Vec<i64> = rows.iter().filter(|b| b.state == "confirmed").map(|b| b.id).collect();
        assert_eq!(winners.len(), 1, "one group of 20 fits in 30 places");
        assert_eq!(places_held(&app, &world).await, 20);

        let entries: Vec<LotteryEntry> = rows
            .iter()
            .map(|b| LotteryEntry {
                booking_id: b.id,
                pupils: b.pupils as u32,
                requested_at: b.requested_at,
            })
            .collect();
        let repeated = draw(seed.parse().expect("numeric seed"), 30, &entries);
        let repeated_winners: Vec<i64> = repeated.winners.iter().map(|w| w.booking_id).collect();
        assert_eq!(repeated_winners, winners, "the seed repeats the draw");

        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("lottery_drawn"))
            .one(app.state.db.conn())
            .await
            .expect("query audit log")
            .expect("the draw is audited");
        assert!(audit.detail.contains(&seed), "{}", audit.detail);
        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendar_feed_lists_bookings() {
    for database in support::each_backend().await {
        let app = start(database).await;
        let world = world(&app.state.db, SessionSpec::default()).await;
        booked(&app, &world, "五年级3班", 30).await;

        let address: String = app
            .call("/api/booking/feed", &[("school", "false")], Some(&world.teacher_token))
            .await
            .json();
        let path = address.trim_start_matches(support::app::ORIGIN);
        assert!(path.starts_with("/calendar/"), "{address}");
        let feed = app.get(path, None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(feed.body.contains("BEGIN:VEVENT"), "{}", feed.body);
        assert!(feed.body.contains("五年级3班"), "{}", feed.body);

        let unknown = app.get("/calendar/not-a-token.ics", None).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        app.database.drop_database().await;
    }
}
