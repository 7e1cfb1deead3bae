//! The demo data set that `make run` loads: one city bureau, two county
//! bureaus, two schools and two providers, each marked 演示, and a user for
//! every role, all with the password [`DEMO_PASSWORD`].
//!
//! Never load it into a production database: the password is public.

use serde_json::json;

use super::audit::{self, Action};
use super::service::officers::bureau_of;
use super::service::registration::insert_approved;
use super::service::users::{NewUser, insert_membership, insert_user};
use super::{OrgKind, Role, SchoolStage, password};
use crate::db::Db;
use crate::error::AppError;
use crate::resources::model::ResourceType;

pub const DEMO_PASSWORD: &str = "Demo@2026";

/// Regions of the demo: 北京市 (city), 海淀区 and its neighbour 朝阳区.
pub const CITY: (&str, &str) = ("110100", "北京市");
pub const HAIDIAN: (&str, &str) = ("110108", "北京市海淀区");
pub const CHAOYANG: (&str, &str) = ("110105", "北京市朝阳区");

/// One demo login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub username: &'static str,
    pub role: &'static str,
    pub organisation: String,
}

struct DemoUser {
    username: &'static str,
    name: &'static str,
    phone: &'static str,
    role: Option<Role>,
}

/// Loads the demo data unless it is already there. Returns the logins.
///
/// # Errors
///
/// Database errors.
pub async fn seed(db: &Db) -> Result<Vec<DemoLogin>, AppError> {
    let already = super::entity::user::Entity::find_by_username("demo.admin", db).await?;
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;

    let txn = db.begin_write().await?;
    let city = bureau_of(&*txn, CITY.0, CITY.1, true).await?;
    let haidian = bureau_of(&*txn, HAIDIAN.0, HAIDIAN.1, true).await?;
    let chaoyang = bureau_of(&*txn, CHAOYANG.0, CHAOYANG.1, true).await?;

    let organisations: Vec<(i64, &str, Vec<DemoUser>)> = if already {
        Vec::new()
    } else {
        let school = insert_approved(
            &*txn,
            OrgKind::School,
            "海淀实验小学（演示）",
            HAIDIAN.0,
            Some(SchoolStage::Primary),
            None,
            true,
        )
        .await?;
        let school2 = insert_approved(
            &*txn,
            OrgKind::School,
            "朝阳第一中学（演示）",
            CHAOYANG.0,
            Some(SchoolStage::Complete),
            None,
            true,
        )
        .await?;
        let museum = insert_approved(
            &*txn,
            OrgKind::Provider,
            "中国科学技术馆（演示）",
            CHAOYANG.0,
            None,
            Some(ResourceType::ScienceCentre),
            true,
        )
        .await?;
        let youth = insert_approved(
            &*txn,
            OrgKind::Provider,
            "海淀区青少年活动中心（演示）",
            HAIDIAN.0,
            None,
            Some(ResourceType::YouthPalace),
            true,
        )
        .await?;
        vec![
            (
                0,
                "平台",
                vec![user("demo.admin", "平台管理员（演示）", "13900000001", None)],
            ),
            (
                city,
                "北京市教育局",
                vec![user(
                    "demo.beijing",
                    "市教育局管理员（演示）",
                    "13900000002",
                    Some(Role::BureauOfficer),
                )],
            ),
            (
                haidian,
                "北京市海淀区教育局",
                vec![user(
                    "demo.haidian",
                    "海淀区教育局管理员（演示）",
                    "13900000003",
                    Some(Role::BureauOfficer),
                )],
            ),
            (
                chaoyang,
                "北京市朝阳区教育局",
                vec![user(
                    "demo.chaoyang",
                    "朝阳区教育局管理员（演示）",
                    "13900000004",
                    Some(Role::BureauOfficer),
                )],
            ),
            (
                school,
                "海淀实验小学（演示）",
                vec![
                    user(
                        "demo.school",
                        "学校管理员（演示）",
                        "13900000005",
                        Some(Role::SchoolAdmin),
                    ),
                    user("demo.teacher", "李老师（演示）", "13900000006", Some(Role::Teacher)),
                ],
            ),
            (
                school2,
                "朝阳第一中学（演示）",
                vec![user(
                    "demo.school2",
                    "朝阳一中管理员（演示）",
                    "13900000007",
                    Some(Role::SchoolAdmin),
                )],
            ),
            (
                museum,
                "中国科学技术馆（演示）",
                vec![
                    user(
                        "demo.museum",
                        "科技馆管理员（演示）",
                        "13900000008",
                        Some(Role::ProviderAdmin),
                    ),
                    user("demo.staff", "讲解员（演示）", "13900000009", Some(Role::ProviderStaff)),
                ],
            ),
            (
                youth,
                "海淀区青少年活动中心（演示）",
                vec![user(
                    "demo.youth",
                    "活动中心管理员（演示）",
                    "13900000010",
                    Some(Role::ProviderAdmin),
                )],
            ),
        ]
    };

    let mut logins = Vec::new();
    for (organisation_id, organisation_name, users) in organisations {
        for demo in users {
            let user_id = insert_user(
                &*txn,
                NewUser {
                    username: demo.username.to_owned(),
                    phone: Some(demo.phone.to_owned()),
                    display_name: demo.name.to_owned(),
                    password_hash: hash.clone(),
                    must_change_password: false,
                    platform_admin: demo.role.is_none(),
                },
            )
            .await?;
            if let Some(role) = demo.role {
                insert_membership(&*txn, user_id, organisation_id, role, None).await?;
            }
            logins.push(DemoLogin {
                username: demo.username,
                role: demo.role.map_or("平台管理员", |r| r.label(crate::i18n::Locale::Zh)),
                organisation: organisation_name.to_owned(),
            });
        }
    }
    if !logins.is_empty() {
        audit::record(
            &*txn,
            audit::Record {
                actor_user_id: None,
                actor_name: "xieyu seed-demo",
                actor_organisation_id: None,
                action: Action::PlatformAdminCreated,
                target_type: "demo",
                target_id: None,
                region_code: Some(CITY.0.to_owned()),
                detail: json!({ "demo_users": logins.len() }),
                ip: "cli",
            },
        )
        .await?;
    }
    txn.commit().await?;

    let resources = crate::resources::demo::seed(db).await?;
    if resources > 0 {
        tracing::info!(count = resources, "demo resources loaded");
    }
    Ok(logins)
}

fn user(username: &'static str, name: &'static str, phone: &'static str, role: Option<Role>) -> DemoUser {
    DemoUser {
        username,
        name,
        phone,
        role,
    }
}
