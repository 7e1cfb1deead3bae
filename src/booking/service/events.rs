//! The history of a booking: every state change with who and when, and the
//! in-app notification it sends.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::notify;
use crate::booking::entity::{booking, booking_event};
use crate::booking::state::{ActorKind, BookingState};
use crate::error::AppError;
use crate::i18n::Text;

/// The cause of a change: a user, or the system (`user_id` `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedBy {
    pub user_id: Option<i64>,
    pub kind: ActorKind,
}

impl ChangedBy {
    pub const SYSTEM: ChangedBy = ChangedBy {
        user_id: None,
        kind: ActorKind::System,
    };
}

/// Stable code of an actor kind, as stored in `booking_events`.
pub fn actor_code(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::School => "school",
        ActorKind::ProviderAdmin => "provider_admin",
        ActorKind::ProviderStaff => "provider_staff",
        ActorKind::Bureau => "bureau",
        ActorKind::System => "system",
    }
}

/// Records the change of `row` from `from` (`None` when just created) to
/// `to`, and notifies the user who booked.
///
/// # Errors
///
/// Database errors.
pub async fn record(
    conn: &impl ConnectionTrait,
    row: &booking::Model,
    from: Option<BookingState>,
    to: BookingState,
    by: ChangedBy,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let event = booking_event::ActiveModel {
        booking_id: Set(row.id),
        actor_user_id: Set(by.user_id),
        actor_kind: Set(actor_code(by.kind).to_owned()),
        from_state: Set(from.map(|state| state.code().to_owned())),
        to_state: Set(to.code().to_owned()),
        note: Set(note.chars().take(200).collect()),
        at: Set(now),
        ..Default::default()
    };
    booking_event::Entity::insert(event)
        .exec_without_returning(conn)
        .await?;

    let label = to.label();
    let class_name = &row.class_name;
    let message = Text::new(
        format!("{class_name}的预约（编号 {}）状态变为“{}”", row.id, label.zh),
        format!("The booking {} of {class_name} is now {}", row.id, label.en),
    );
    notify::send(conn, row.booked_by, Some(row.id), notify::STATE_CHANGE, &message, now).await
}

/// Moves a booking to `to`, bumping its revision, and records the change.
/// The update applies only while the booking is still in `from`, so two
/// concurrent changes cannot both succeed.
///
/// # Errors
///
/// [`AppError::Conflict`] when the booking changed meanwhile; database errors.
pub async fn apply(
    conn: &impl ConnectionTrait,
    row: &booking::Model,
    from: BookingState,
    to: BookingState,
    by: ChangedBy,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let result = booking::Entity::update_many()
        .col_expr(booking::Column::State, Expr::value(to.code()))
        .col_expr(booking::Column::Revision, Expr::col(booking::Column::Revision).add(1))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::State.eq(from.code()))
        .exec(conn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict(Text::new(
            "该预约刚被其他人修改，请刷新后重试",
            "This booking was just changed by someone else; reload and try again",
        )));
    }
    record(conn, row, Some(from), to, by, note, now).await
}
