//! The lottery draw (抽签) of an over-subscribed session, run by the bureau
//! after booking closes. The seed and the result go to the audit log, so
//! anyone can repeat the draw with `booking::lottery::draw`.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::events::{self, ChangedBy};
use super::{add_places, lock_session, org_ref};
use crate::accounts::audit::{self, Action};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::{Auth, RequestInfo};
use crate::booking::entity::{booking, session};
use crate::booking::lottery::{LotteryEntry, LotteryResult, draw};
use crate::booking::state::{BookingEvent, BookingState, transition};
use crate::error::AppError;
use crate::i18n::Text;
use crate::server::state::AppState;

/// Draws the places of lottery session `session_id` with a fresh random seed.
///
/// # Errors
///
/// Permission denials; [`AppError::Conflict`] for a session that is not a
/// lottery, is already drawn, or is still open for booking; database errors.
pub async fn draw_session(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<LotteryResult, AppError> {
    let unlocked = session::Entity::find_by_id(session_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let provider = org_ref(state.db.conn(), unlocked.provider_id).await?;
    policy::check(&auth.actor, &Permission::DrawLottery(provider.clone()))?;

    let txn = state.db.begin_write().await?;
    let row = lock_session(&*txn, session_id).await?;
    if row.allocation != super::LOTTERY {
        return Err(AppError::Conflict(Text::new(
            "该场次不是抽签场次",
            "This session does not allocate by lottery",
        )));
    }
    if row.lottery_drawn_at.is_some() {
        return Err(AppError::Conflict(Text::new(
            "该场次已经抽过签",
            "This session has already been drawn",
        )));
    }
    if now < row.booking_closes_at {
        let closes = crate::booking::format_china_minute(row.booking_closes_at);
        return Err(AppError::Conflict(Text::new(
            format!("预约截止（{closes}）后才能抽签"),
            format!("The draw can take place after booking closes at {closes}"),
        )));
    }

    let requests = booking::Entity::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::State.eq(BookingState::Requested.code()))
        .all(&*txn)
        .await?;
    let entries: Vec<LotteryEntry> = requests
        .iter()
        .map(|b| LotteryEntry {
            booking_id: b.id,
            pupils: u32::try_from(b.pupils).unwrap_or(u32::MAX),
            requested_at: b.requested_at,
        })
        .collect();
    let places = u32::try_from(row.capacity - row.places_held).unwrap_or(0);
    let seed: u64 = rand::random();
    let result = draw(seed, places, &entries);

    for winner in &result.winners {
        let Some(b) = requests.iter().find(|b| b.id == winner.booking_id) else {
            continue;
        };
        add_places(&*txn, session_id, b.pupils, now).await?;
        set_rank(&*txn, b.id, winner.draw_rank).await?;
        if row.auto_confirm {
            let to = transition(BookingState::Requested, BookingEvent::Confirm, ChangedBy::SYSTEM.kind)
                .map_err(AppError::Conflict)?;
            events::apply(
                &*txn,
                b,
                BookingState::Requested,
                to,
                ChangedBy::SYSTEM,
                "抽签中签",
                now,
            )
            .await?;
            crate::booking::jobs::schedule_reminder(&*txn, b, &row, now).await?;
        }
    }
    for loser in &result.waitlist {
        let Some(b) = requests.iter().find(|b| b.id == loser.booking_id) else {
            continue;
        };
        set_rank(&*txn, b.id, loser.draw_rank).await?;
        let to = transition(BookingState::Requested, BookingEvent::Waitlist, ChangedBy::SYSTEM.kind)
            .map_err(AppError::Conflict)?;
        events::apply(
            &*txn,
            b,
            BookingState::Requested,
            to,
            ChangedBy::SYSTEM,
            "抽签未中，转入候补",
            now,
        )
        .await?;
    }

    let drawn = session::ActiveModel {
        id: Set(session_id),
        lottery_seed: Set(Some(seed.to_string())),
        lottery_drawn_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    session::Entity::update(drawn).exec(&*txn).await?;

    let ids = |list: &[crate::booking::lottery::DrawnEntry]| list.iter().map(|e| e.booking_id).collect::<Vec<_>>();
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::LotteryDrawn,
            target_type: "session",
            target_id: Some(session_id.to_string()),
            region_code: Some(provider.region_code.clone()),
            detail: json!({
                "seed": seed.to_string(),
                "places": places,
                "entries": entries.iter().map(|e| json!({"booking_id": e.booking_id, "pupils": e.pupils})).collect::<Vec<_>>(),
                "winners": ids(&result.winners),
                "waitlist": ids(&result.waitlist),
            }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;

    tracing::info!(
        session_id,
        winners = result.winners.len(),
        waitlisted = result.waitlist.len(),
        "lottery drawn"
    );
    Ok(result)
}

async fn set_rank(conn: &impl sea_orm::ConnectionTrait, booking_id: i64, rank: u32) -> Result<(), AppError> {
    booking::Entity::update_many()
        .col_expr(
            booking::Column::DrawRank,
            Expr::value(i32::try_from(rank).unwrap_or(i32::MAX)),
        )
        .filter(booking::Column::Id.eq(booking_id))
        .exec(conn)
        .await?;
    Ok(())
}
