//! Account commands of the `xieyu` binary: `create-admin` and `seed-demo`.

use std::io::BufRead;

use serde_json::json;

use super::audit::{self, Action};
use super::service::users::{NewUser, insert_user};
use super::validate::{check_password_policy, normalize_phone, normalize_username};
use super::{demo, password};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::startup_error::StartupError;

fn failed(err: &AppError) -> StartupError {
    let detail = |locale| match err {
        AppError::Validation(list) => list
            .iter()
            .map(|e| e.message.get(locale).to_owned())
            .collect::<Vec<_>>()
            .join("；"),
        other => other.message(locale),
    };
    StartupError::new(detail(Locale::Zh), detail(Locale::En))
}

/// Reads the new admin's password from `XIEYU_ADMIN_PASSWORD`, else from
/// the first line of standard input.
fn read_password() -> Result<String, StartupError> {
    if let Ok(password) = std::env::var("XIEYU_ADMIN_PASSWORD") {
        return Ok(password);
    }
    eprintln!("请输入新管理员的密码（回车结束） / Enter the new admin's password, then Enter:");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|err| {
        StartupError::new(
            format!("无法读取密码：{err}"),
            format!("cannot read the password: {err}"),
        )
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Creates a platform admin (平台管理员).
///
/// # Errors
///
/// A [`StartupError`] that says what is wrong with the input, or the
/// database error.
pub async fn create_admin(db: &Db, username: &str, phone: Option<&str>, name: &str) -> Result<i64, StartupError> {
    let username = normalize_username(username)
        .map_err(|m| StartupError::new(format!("--username：{}", m.zh), format!("--username: {}", m.en)))?;
    let phone = match phone {
        Some(p) => Some(normalize_phone(p).ok_or_else(|| {
            StartupError::new(
                "--phone 应为 11 位手机号码",
                "--phone must be an 11-digit mobile number",
            )
        })?),
        None => None,
    };
    let password = read_password()?;
    check_password_policy(&password, &username)
        .map_err(|m| StartupError::new(format!("密码：{}", m.zh), format!("password: {}", m.en)))?;

    let hash = password::hash(password).await.map_err(|e| failed(&e))?;
    let result: Result<i64, AppError> = async {
        let txn = db.begin_write().await?;
        let id = insert_user(
            &*txn,
            NewUser {
                username: username.clone(),
                phone,
                display_name: name.to_owned(),
                password_hash: hash,
                must_change_password: false,
                platform_admin: true,
            },
        )
        .await?;
        audit::record(
            &*txn,
            audit::Record {
                actor_user_id: None,
                actor_name: "xieyu create-admin",
                actor_organisation_id: None,
                action: Action::PlatformAdminCreated,
                target_type: "user",
                target_id: Some(id.to_string()),
                region_code: None,
                detail: json!({ "username": username }),
                ip: "cli",
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }
    .await;
    result.map_err(|e| failed(&e))
}

/// Loads the demo data set and prints its logins.
///
/// # Errors
///
/// A [`StartupError`] with the database error.
pub async fn seed_demo(db: &Db) -> Result<(), StartupError> {
    let logins = demo::seed(db).await.map_err(|e| failed(&e))?;
    let sessions = crate::booking::demo::seed(db).await.map_err(|e| failed(&e))?;
    if logins.is_empty() {
        println!("演示数据已存在。 / The demo data is already loaded.");
    } else {
        println!("已加载演示数据（机构名称带“演示”）。 / Demo data loaded (organisations marked 演示).");
    }
    if sessions > 0 {
        println!("已添加 {sessions} 个演示场次。 / {sessions} demo sessions added.");
    }
    println!(
        "演示账号，密码均为 {} / Demo logins, password {} for all:",
        demo::DEMO_PASSWORD,
        demo::DEMO_PASSWORD
    );
    for (username, role, organisation) in DEMO_TABLE {
        println!("  {username:<14} {role}（{organisation}）");
    }
    Ok(())
}

/// The demo logins as printed, in a fixed order.
const DEMO_TABLE: [(&str, &str, &str); 10] = [
    ("demo.admin", "平台管理员", "全平台"),
    ("demo.beijing", "教育局管理员", "北京市"),
    ("demo.haidian", "教育局管理员", "北京市海淀区"),
    ("demo.chaoyang", "教育局管理员", "北京市朝阳区"),
    ("demo.school", "学校管理员", "海淀实验小学（演示）"),
    ("demo.teacher", "教师", "海淀实验小学（演示）"),
    ("demo.school2", "学校管理员", "朝阳第一中学（演示）"),
    ("demo.museum", "资源单位管理员", "中国科学技术馆（演示）"),
    ("demo.staff", "工作人员", "中国科学技术馆（演示）"),
    ("demo.youth", "资源单位管理员", "海淀区青少年活动中心（演示）"),
];
