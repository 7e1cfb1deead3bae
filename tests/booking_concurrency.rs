//! 1,000 concurrent booking requests at a 100-place session, through the
//! whole router, on SQLite and PostgreSQL: exactly 100 places are
//! confirmed, and every request gets a success or a clear refusal.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::app::start;
use support::booking::{SessionSpec, booking_form, world};
use xieyu::booking::api::BookingOutcome;
use xieyu::booking::entity::{booking, session};
use xieyu::booking::state::BookingState;

const REQUESTS: usize = 1000;
const CAPACITY: u32 = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousand_requests_never_overbook() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = Arc::new(start(database).await);
        let world = world(
            &app.state.db,
            SessionSpec {
                capacity: CAPACITY,
                ..SessionSpec::default()
            },
        )
        .await;

        let mut tasks = Vec::with_capacity(REQUESTS);
        for n in 0..REQUESTS {
            let app = Arc::clone(&app);
            let token = world.teacher_token.clone();
            let form = booking_form(world.session.id, &format!("{n}班"), 1);
            tasks.push(tokio::spawn(async move {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                app.call("/api/booking/book", &pairs, Some(&token)).await
            }));
        }

        let (mut confirmed, mut full, mut busy) = (0, 0, 0);
        let mut unexpected = Vec::new();
        for task in tasks {
            let answer = task.await.expect("request task finished");
            match answer.status {
                StatusCode::OK => {
                    let outcome: BookingOutcome = answer.json();
                    assert_eq!(outcome.state, BookingState::Confirmed, "{backend}");
                    confirmed += 1;
                }
                StatusCode::CONFLICT if answer.body.contains("已满") => full += 1,
                // The client shows AppError::Busy as “系统繁忙，请稍后重试”.
                StatusCode::SERVICE_UNAVAILABLE if answer.body.contains("Busy") => busy += 1,
                status => unexpected.push(format!("{status} {}", answer.body)),
            }
        }
        assert!(unexpected.is_empty(), "{backend}: unclear answers: {unexpected:?}");
        assert_eq!(confirmed, CAPACITY as usize, "{backend}: confirmed requests");
        assert_eq!(confirmed + full + busy, REQUESTS, "{backend}: every request answered");

        let conn = app.state.db.conn();
        let row = session::Entity::find_by_id(world.session.id)
            .one(conn)
            .await
            .expect("query session")
            .expect("session exists");
        assert_eq!(row.places_held, CAPACITY as i32, "{backend}: places held");
        let stored = booking::Entity::find()
            .filter(booking::Column::SessionId.eq(world.session.id))
            .filter(booking::Column::State.eq(BookingState::Confirmed.code()))
            .all(conn)
            .await
            .expect("query bookings");
        assert_eq!(stored.len(), CAPACITY as usize, "{backend}: confirmed rows");
        assert_eq!(
            stored.iter().map(|b| b.pupils).sum::<i32>(),
            CAPACITY as i32,
            "{backend}: confirmed pupils"
        );

        let app = Arc::try_unwrap(app).unwrap_or_else(|_| panic!("all request tasks ended"));
        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mixed_group_sizes_fill_exactly() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = Arc::new(start(database).await);
        let world = world(&app.state.db, SessionSpec::default()).await;

        // Groups of 1 to 7 pupils; the session fills exactly only if the
        // capacity check sees every earlier booking.
        let mut tasks = Vec::new();
        for n in 0..300 {
            let app = Arc::clone(&app);
            let token = world.teacher_token.clone();
            let pupils = 1 + (n % 7);
            let form = booking_form(world.session.id, &format!("混合{n}班"), pupils);
            tasks.push(tokio::spawn(async move {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                (pupils, app.call("/api/booking/book", &pairs, Some(&token)).await)
            }));
        }
        let mut acknowledged = 0;
        for task in tasks {
            let (pupils, answer) = task.await.expect("request task finished");
            assert!(
                matches!(answer.status.as_u16(), 200 | 409 | 503),
                "{backend}: {} {}",
                answer.status,
                answer.body
            );
            if answer.status == StatusCode::OK {
                acknowledged += pupils;
            }
        }

        let row = session::Entity::find_by_id(world.session.id)
            .one(app.state.db.conn())
            .await
            .expect("query session")
            .expect("session exists");
        assert_eq!(
            row.places_held as u32, acknowledged,
            "{backend}: counter matches answers"
        );
        assert!(row.places_held <= 100, "{backend}: within capacity");

        let app = Arc::try_unwrap(app).unwrap_or_else(|_| panic!("all request tasks ended"));
        app.database.drop_database().await;
    }
}
