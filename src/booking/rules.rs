//! Checks of a booking request against its session (场次), and the decision
//! what happens to a valid request.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format_china_minute;
use super::grade::Grade;
use super::request::{BookingRequest, check_fields, fields, push_error};
use super::state::BookingState;
use crate::error::{AppError, FieldError};
use crate::i18n::{Locale, Text};
use crate::resources::model::Stage;

/// Allocation of a session's places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Allocation {
    /// First come, first served. With `waitlist` set, groups that do not fit
    /// join the 候补 queue.
    FirstCome { waitlist: bool },
    /// Requests are collected while booking is open and places are drawn by
    /// lot afterwards (see `lottery`). No request takes places before the draw.
    Lottery,
}

/// The resource's limit on pupils per day, across all sessions of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayLoad {
    pub capacity: u32,
    /// Pupils of that day's bookings that hold places.
    pub places_held: u32,
}

/// Session facts the rules need, loaded by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSnapshot {
    pub starts_at: DateTime<Utc>,
    /// Maximum number of pupils; accompanying teachers do not count.
    pub capacity: u32,
    /// Pupils of bookings whose state [`BookingState::holds_places`].
    pub places_held: u32,
    pub day: Option<DayLoad>,
    pub booking_opens_at: DateTime<Utc>,
    pub booking_closes_at: DateTime<Utc>,
    /// A school may cancel a confirmed booking only before this instant.
    pub cancellation_deadline: DateTime<Utc>,
    /// Stages the programme suits; empty means every stage.
    pub stages: Vec<Stage>,
    /// At least one accompanying teacher per this many pupils, for example
    /// 20. Without it a group still needs one teacher.
    pub pupils_per_teacher: Option<u32>,
    /// Whether a request that fits is confirmed without the provider.
    pub auto_confirm: bool,
    pub allocation: Allocation,
}

/// The outcome for a valid request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Places are free and the session confirms automatically.
    Confirm,
    /// Places are free; the provider confirms or declines.
    Request,
    /// The group does not fit; it joins the 候补 queue.
    Waitlist,
    /// The session allocates by lottery; the request waits for the draw.
    EnterDraw,
}

impl Decision {
    pub fn initial_state(self) -> BookingState {
        match self {
            Decision::Confirm => BookingState::Confirmed,
            Decision::Request | Decision::EnterDraw => BookingState::Requested,
            Decision::Waitlist => BookingState::Waitlisted,
        }
    }

    /// Builds the message shown to the school after submitting.
    pub fn message(self) -> Text {
        match self {
            Decision::Confirm => Text::new("预约成功", "Booking confirmed"),
            Decision::Request => Text::new(
                "预约已提交，等待资源单位确认",
                "Booking sent; the provider will confirm it",
            ),
            Decision::Waitlist => Text::new(
                "名额已满，已加入候补；有名额空出时将按候补规则安排",
                "The session is full; your class is on the waitlist and will get places under the waitlist rule",
            ),
            Decision::EnterDraw => Text::new(
                "已登记抽签；预约截止后统一抽签，结果将通知您",
                "Entered in the lottery; places are drawn after booking closes and you will be told the result",
            ),
        }
    }
}

/// Places a group can still take: the session's free places, limited by
/// the resource's free places that day.
pub fn free_places(session: &SessionSnapshot) -> u32 {
    let session_free = session.capacity.saturating_sub(session.places_held);
    match session.day {
        Some(day) => session_free.min(day.capacity.saturating_sub(day.places_held)),
        None => session_free,
    }
}

/// Accompanying teachers a group of `pupils` needs: one per started
/// `pupils_per_teacher`, and at least one.
pub fn teachers_required(pupils: u32, pupils_per_teacher: Option<u32>) -> u32 {
    let by_ratio = match pupils_per_teacher {
        Some(per) if per > 0 => pupils.div_ceil(per),
        _ => 0,
    };
    by_ratio.max(1)
}

/// Checks a request against its session at `now` and decides what happens
/// to it.
///
/// `booked_classes` are the class names of the school's bookings on this
/// session that are not cancelled or declined, because the same class
/// cannot book the same session twice. Class names are compared ignoring spaces and the
/// width of brackets and digits.
///
/// # Errors
///
/// [`AppError::Validation`] lists every invalid field in form order,
/// including a closed booking window under the `session_id` field. [`AppError::Conflict`]
/// ("已满") is returned for a valid request when the group does not fit and
/// the session has no waitlist.
pub fn check_request(
    session: &SessionSnapshot,
    request: &BookingRequest,
    booked_classes: &[String],
    now: DateTime<Utc>,
) -> Result<Decision, AppError> {
    let mut errors = Vec::new();

    check_window(session, now, &mut errors);
    let grade = check_fields(request, &mut errors);
    if let Some(grade) = grade {
        check_stage(session, grade, &mut errors);
    }
    check_group_size(session, request, &mut errors);

    let requested_class = class_key(&request.class_name);
    if !requested_class.is_empty() && booked_classes.iter().any(|booked| class_key(booked) == requested_class) {
        let class_name = request.class_name.trim();
        push_error(
            &mut errors,
            fields::CLASS_NAME,
            format!("{class_name}已预约过本场次，不能重复预约"),
            format!("{class_name} has already booked this session"),
        );
    }

    if !errors.is_empty() {
        errors.sort_by_key(|error| fields::FORM_ORDER.iter().position(|field| *field == error.field));
        return Err(AppError::Validation(errors));
    }

    decide(session, request.pupils)
}

fn check_window(session: &SessionSnapshot, now: DateTime<Utc>, errors: &mut Vec<FieldError>) {
    if now < session.booking_opens_at {
        let opens = format_china_minute(session.booking_opens_at);
        push_error(
            errors,
            fields::SESSION,
            format!("预约将于 {opens} 开放"),
            format!("Booking opens at {opens}"),
        );
    } else if now >= session.booking_closes_at || now >= session.starts_at {
        let closes = format_china_minute(session.booking_closes_at.min(session.starts_at));
        push_error(
            errors,
            fields::SESSION,
            format!("预约已截止（截止时间 {closes}）"),
            format!("Booking closed at {closes}"),
        );
    }
}

fn check_stage(session: &SessionSnapshot, grade: Grade, errors: &mut Vec<FieldError>) {
    let stage = grade.stage();
    if session.stages.is_empty() || session.stages.contains(&stage) {
        return;
    }

    let suitable = |locale: Locale, separator: &str| {
        session
            .stages
            .iter()
            .map(|s| s.label(locale))
            .collect::<Vec<_>>()
            .join(separator)
    };
    let grade = grade.label();
    push_error(
        errors,
        fields::GRADE,
        format!(
            "本活动适合{}，{}（{}）不在其中",
            suitable(Locale::Zh, "、"),
            grade.zh,
            stage.label(Locale::Zh)
        ),
        format!(
            "This programme suits {}; {} ({}) is not among them",
            suitable(Locale::En, ", "),
            grade.en,
            stage.label(Locale::En)
        ),
    );
}

fn check_group_size(session: &SessionSnapshot, request: &BookingRequest, errors: &mut Vec<FieldError>) {
    let pupils = request.pupils;
    if pupils == 0 {
        push_error(
            errors,
            fields::PUPILS,
            "学生人数至少为 1".into(),
            "Enter at least 1 pupil".into(),
        );
    } else if pupils > session.capacity {
        let capacity = session.capacity;
        push_error(
            errors,
            fields::PUPILS,
            format!("本场次最多接待 {capacity} 名学生，当前 {pupils} 名，请分成几个班组分别预约"),
            format!("This session takes at most {capacity} pupils, not {pupils}; book it in several groups"),
        );
    } else if let Some(day) = session.day
        && pupils > day.capacity
    {
        let capacity = day.capacity;
        push_error(
            errors,
            fields::PUPILS,
            format!("该资源单日最多接待 {capacity} 名学生，当前 {pupils} 名，请分成几个班组分别预约"),
            format!("This resource takes at most {capacity} pupils a day, not {pupils}; book it in several groups"),
        );
    }

    let required = teachers_required(pupils, session.pupils_per_teacher);
    if request.teachers >= required {
        return;
    }
    match session.pupils_per_teacher {
        Some(per) if per > 0 => push_error(
            errors,
            fields::TEACHERS,
            format!("每 {per} 名学生至少需要 1 名带队教师，当前 {pupils} 名学生需要 {required} 名"),
            format!("At least 1 accompanying teacher per {per} pupils is required; {pupils} pupils need {required}"),
        ),
        _ => push_error(
            errors,
            fields::TEACHERS,
            "至少需要 1 名带队教师".into(),
            "At least 1 accompanying teacher is required".into(),
        ),
    }
}

fn decide(session: &SessionSnapshot, pupils: u32) -> Result<Decision, AppError> {
    let waitlist = match session.allocation {
        Allocation::Lottery => return Ok(Decision::EnterDraw),
        Allocation::FirstCome { waitlist } => waitlist,
    };

    let free = free_places(session);
    if pupils <= free {
        return Ok(if session.auto_confirm {
            Decision::Confirm
        } else {
            Decision::Request
        });
    }
    if waitlist {
        return Ok(Decision::Waitlist);
    }

    let message = if free == 0 {
        Text::new("本场次已满", "This session is full")
    } else {
        Text::new(
            format!("本场次已满：仅剩 {free} 个名额，不够 {pupils} 名学生"),
            format!("This session is full: only {free} places are left for {pupils} pupils"),
        )
    };
    Err(AppError::Conflict(message))
}

/// Reduces a class name for comparison: no spaces, ASCII digits and brackets.
fn class_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
