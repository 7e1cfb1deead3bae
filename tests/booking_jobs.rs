//! The background job runner on SQLite and PostgreSQL: two runners on one
//! database never deliver a reminder twice, jobs survive a restart, and
//! the no-show sweep marks unchecked bookings after the session.

mod support;

use chrono::{TimeDelta, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::booking::{SessionSpec, world};
use xieyu::booking::api::BookingForm;
use xieyu::booking::entity::{booking, job, notification};
use xieyu::booking::jobs::Runner;
use xieyu::booking::service::book::book;
use xieyu::booking::service::notify::REMINDER;
use xieyu::booking::state::BookingState;
use xieyu::server::config::Settings;
use xieyu::server::state::AppState;

const BOOKINGS: usize = 30;

fn form(class_name: &str) -> BookingForm {
    BookingForm {
        class_name: class_name.into(),
        grade: "四年级".into(),
        pupils: "2".into(),
        teachers: "1".into(),
        lead_teacher: "赵老师".into(),
        contact_phone: "13812345678".into(),
    }
}

async fn auth_of(state: &AppState, token: &str) -> xieyu::accounts::service::context::Auth {
    let request = http::Request::get("/")
        .header(http::header::COOKIE, format!("xieyu_session={token}"))
        .body(())
        .expect("request");
    let (parts, ()) = request.into_parts();
    xieyu::accounts::service::context::authenticate(state, &parts)
        .await
        .expect("authenticate")
        .expect("live session")
}

fn state_on(db: &xieyu::db::Db) -> AppState {
    AppState::new(db.clone(), Settings::default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_runners_never_remind_twice() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let world = world(&database.db, SessionSpec::default()).await;
        let state = state_on(&database.db);
        let auth = auth_of(&state, &world.teacher_token).await;
        let now = Utc::now();
        let mut ids = Vec::new();
        for n in 0..BOOKINGS {
            let outcome = book(&state, &auth, world.session.id, form(&format!("提醒{n}班")), now)
                .await
                .expect("book");
            assert_eq!(outcome.state, BookingState::Confirmed, "{backend}");
            ids.push(outcome.booking_id);
        }

        // A second server instance, started later, sees the stored jobs.
        let other = state_on(&database.db);
        let (first, second) = (Runner::new(), Runner::new());
        let due = world.session.starts_at - TimeDelta::hours(1);
        let (a, b) = tokio::join!(
            async {
                let mut total = 0;
                for _ in 0..5 {
                    total += first.run_due(&state, due).await.expect("first runner");
                }
                total
            },
            async {
                let mut total = 0;
                for _ in 0..5 {
                    total += second.run_due(&other, due).await.expect("second runner");
                }
                total
            }
        );
        assert_eq!(a + b, BOOKINGS, "{backend}: each reminder job finished once");

        for id in &ids {
            let reminders = notification::Entity::find()
                .filter(notification::Column::BookingId.eq(*id))
                .filter(notification::Column::Kind.eq(REMINDER))
                .count(database.db.conn())
                .await
                .expect("count reminders");
            assert_eq!(reminders, 1, "{backend}: booking {id} reminded once");
        }
        let pending = job::Entity::find()
            .filter(job::Column::Kind.eq("reminder"))
            .filter(job::Column::State.ne("done"))
            .count(database.db.conn())
            .await
            .expect("count jobs");
        assert_eq!(pending, 0, "{backend}: every reminder job done");

        // Running again delivers nothing more.
        assert_eq!(first.run_due(&state, due).await.expect("rerun"), 0, "{backend}");
        database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_show_job_marks_unchecked() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let world = world(&database.db, SessionSpec::default()).await;
        let state = state_on(&database.db);
        let auth = auth_of(&state, &world.teacher_token).await;
        let outcome = book(&state, &auth, world.session.id, form("爽约1班"), Utc::now())
            .await
            .expect("book");

        let runner = Runner::new();
        let before_end = world.session.ends_at;
        runner.run_due(&state, before_end).await.expect("run before the end");
        let row = booking::Entity::find_by_id(outcome.booking_id)
            .one(database.db.conn())
            .await
            .expect("query")
            .expect("booking exists");
        assert_eq!(row.state, "confirmed", "{backend}: not marked within the grace period");

        let after = world.session.ends_at + TimeDelta::hours(7);
        runner.run_due(&state, after).await.expect("run after the grace period");
        let row = booking::Entity::find_by_id(outcome.booking_id)
            .one(database.db.conn())
            .await
            .expect("query")
            .expect("booking exists");
        assert_eq!(row.state, "no_show", "{backend}: marked as a no-show");
        database.drop_database().await;
    }
}
