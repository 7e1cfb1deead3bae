use chrono::{DateTime, TimeDelta, Utc};

use super::*;

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid instant")
        .with_timezone(&Utc)
}

/// Builds a session on 2025-10-15 09:30 CST, booking open 09-20 09:00 to 10-13 18:00 CST.
fn session() -> SessionSnapshot {
    SessionSnapshot {
        starts_at: instant("2025-10-15T01:30:00Z"),
        capacity: 120,
        places_held: 0,
        day: None,
        booking_opens_at: instant("2025-09-20T01:00:00Z"),
        booking_closes_at: instant("2025-10-13T10:00:00Z"),
        cancellation_deadline: instant("2025-10-13T10:00:00Z"),
        stages: vec![Stage::PrimaryMiddle, Stage::PrimaryUpper],
        pupils_per_teacher: Some(20),
        auto_confirm: false,
        allocation: Allocation::FirstCome { waitlist: true },
    }
}

fn request() -> BookingRequest {
    BookingRequest {
        class_name: "三年级（2）班".into(),
        grade: "三年级".into(),
        pupils: 40,
        teachers: 2,
        lead_teacher: "王老师".into(),
        contact_phone: "13812345678".into(),
    }
}

fn open_now() -> DateTime<Utc> {
    instant("2025-10-01T02:00:00Z")
}

fn check(session: &SessionSnapshot, request: &BookingRequest) -> Result<Decision, AppError> {
    check_request(session, request, &[], open_now())
}

/// Lists the field errors of a rejected request, as (field, Chinese message).
fn errors(result: Result<Decision, AppError>) -> Vec<(String, String)> {
    match result {
        Err(AppError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.message.zh)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn fitting_request_goes_to_provider() {
    assert_eq!(check(&session(), &request()), Ok(Decision::Request));
}

#[test]
fn auto_confirm_session_confirms() {
    let session = SessionSnapshot {
        auto_confirm: true,
        ..session()
    };
    assert_eq!(check(&session, &request()), Ok(Decision::Confirm));
    assert_eq!(Decision::Confirm.initial_state(), BookingState::Confirmed);
}

#[test]
fn zero_pupils_rejected() {
    let request = BookingRequest { pupils: 0, ..request() };
    assert_eq!(
        errors(check(&session(), &request)),
        [("pupils".to_owned(), "学生人数至少为 1".to_owned())]
    );
}

#[test]
fn group_above_capacity_rejected() {
    let request = BookingRequest {
        pupils: 121,
        teachers: 7,
        ..request()
    };
    assert_eq!(
        errors(check(&session(), &request)),
        [(
            "pupils".to_owned(),
            "本场次最多接待 120 名学生，当前 121 名，请分成几个班组分别预约".to_owned()
        )]
    );
}

#[test]
fn group_above_day_capacity_rejected() {
    let session = SessionSnapshot {
        day: Some(DayLoad {
            capacity: 100,
            places_held: 0,
        }),
        ..session()
    };
    let request = BookingRequest {
        pupils: 110,
        teachers: 6,
        ..request()
    };
    let found = errors(check(&session, &request));
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with("该资源单日最多接待 100 名学生"), "{found:?}");
}

#[test]
fn teacher_ratio_message_counts_teachers() {
    let request = BookingRequest {
        pupils: 45,
        teachers: 2,
        ..request()
    };
    assert_eq!(
        errors(check(&session(), &request)),
        [(
            "teachers".to_owned(),
            "每 20 名学生至少需要 1 名带队教师，当前 45 名学生需要 3 名".to_owned()
        )]
    );
}

#[test]
fn one_teacher_needed_without_ratio() {
    let session = SessionSnapshot {
        pupils_per_teacher: None,
        ..session()
    };
    let request = BookingRequest {
        teachers: 0,
        ..request()
    };
    assert_eq!(
        errors(check(&session, &request)),
        [("teachers".to_owned(), "至少需要 1 名带队教师".to_owned())]
    );
    assert_eq!(teachers_required(40, Some(20)), 2);
    assert_eq!(teachers_required(41, Some(20)), 3);
    assert_eq!(teachers_required(5, Some(0)), 1);
}

#[test]
fn window_not_open_names_time() {
    let result = check_request(&session(), &request(), &[], instant("2025-09-20T00:59:00Z"));
    assert_eq!(
        errors(result),
        [("session_id".to_owned(), "预约将于 2025-09-20 09:00 开放".to_owned())]
    );
}

#[test]
fn window_closed_names_time() {
    let at_close = session().booking_closes_at;
    assert_eq!(
        errors(check_request(&session(), &request(), &[], at_close)),
        [(
            "session_id".to_owned(),
            "预约已截止（截止时间 2025-10-13 18:00）".to_owned()
        )]
    );
    assert!(check_request(&session(), &request(), &[], at_close - TimeDelta::seconds(1)).is_ok());
}

#[test]
fn unsuitable_stage_rejected() {
    let request = BookingRequest {
        grade: "一年级".into(),
        ..request()
    };
    assert_eq!(
        errors(check(&session(), &request)),
        [(
            "grade".to_owned(),
            "本活动适合小学中年级、小学高年级，一年级（小学低年级）不在其中".to_owned()
        )]
    );
}

#[test]
fn empty_stage_list_suits_all() {
    let session = SessionSnapshot {
        stages: Vec::new(),
        ..session()
    };
    let request = BookingRequest {
        grade: "高三".into(),
        ..request()
    };
    assert_eq!(check(&session, &request), Ok(Decision::Request));
}

#[test]
fn duplicate_class_rejected() {
    let booked = vec!["三年级(2)班".to_owned(), "四年级（1）班".to_owned()];
    let result = check_request(&session(), &request(), &booked, open_now());
    assert_eq!(
        errors(result),
        [(
            "class_name".to_owned(),
            "三年级（2）班已预约过本场次，不能重复预约".to_owned()
        )]
    );
    let other_class = BookingRequest {
        class_name: "三年级（3）班".into(),
        ..request()
    };
    assert!(check_request(&session(), &other_class, &booked, open_now()).is_ok());
}

#[test]
fn all_errors_reported_together() {
    let request = BookingRequest {
        pupils: 0,
        teachers: 0,
        grade: "一年级".into(),
        contact_phone: "".into(),
        ..request()
    };
    let fields: Vec<String> = errors(check(&session(), &request))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["grade", "pupils", "teachers", "contact_phone"]);
}

#[test]
fn group_not_fitting_joins_waitlist() {
    let session = SessionSnapshot {
        places_held: 100,
        ..session()
    };
    assert_eq!(check(&session, &request()), Ok(Decision::Waitlist));
    assert_eq!(Decision::Waitlist.initial_state(), BookingState::Waitlisted);
}

#[test]
fn full_without_waitlist_is_conflict() {
    let full = SessionSnapshot {
        places_held: 120,
        allocation: Allocation::FirstCome { waitlist: false },
        ..session()
    };
    assert_eq!(
        check(&full, &request()),
        Err(AppError::Conflict(Text::new("本场次已满", "This session is full")))
    );

    let nearly_full = SessionSnapshot {
        places_held: 100,
        ..full
    };
    let Err(AppError::Conflict(message)) = check(&nearly_full, &request()) else {
        panic!("expected a conflict");
    };
    assert_eq!(message.zh, "本场次已满：仅剩 20 个名额，不够 40 名学生");
}

#[test]
fn day_load_limits_free_places() {
    let session = SessionSnapshot {
        day: Some(DayLoad {
            capacity: 200,
            places_held: 170,
        }),
        ..session()
    };
    assert_eq!(free_places(&session), 30);
    assert_eq!(check(&session, &request()), Ok(Decision::Waitlist));
}

#[test]
fn overbooked_snapshot_has_no_free_places() {
    let session = SessionSnapshot {
        places_held: 130,
        ..session()
    };
    assert_eq!(free_places(&session), 0);
}

#[test]
fn lottery_session_enters_draw() {
    let session = SessionSnapshot {
        places_held: 120,
        allocation: Allocation::Lottery,
        ..session()
    };
    assert_eq!(check(&session, &request()), Ok(Decision::EnterDraw));
    assert_eq!(Decision::EnterDraw.initial_state(), BookingState::Requested);
}
