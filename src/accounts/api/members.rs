//! Members of an organisation.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::Role;
use crate::error::AppError;

/// A member as lists show them: the phone number is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub membership_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub username: String,
    pub phone_masked: Option<String>,
    pub role: Role,
    pub must_change_password: bool,
    pub added_at: DateTime<Utc>,
}

/// A new staff member, created with an initial password.
/// Fields a browser leaves out (an unchecked radio) default to empty and
/// are reported by validation, not by the decoder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub display_name: String,
    pub username: String,
    pub phone: String,
    pub role: String,
    pub initial_password: String,
}

/// Members of organisation `organisation_id`.
#[server(prefix = "/api", endpoint = "orgs/members")]
pub async fn list_members(organisation_id: i64) -> Result<Vec<MemberView>, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::members::list(&ctx.state, &auth, organisation_id).await })
        .await
}

/// Adds a staff member to organisation `organisation_id`.
#[server(prefix = "/api", endpoint = "orgs/add-member")]
pub async fn add_member(organisation_id: i64, form: MemberForm) -> Result<MemberView, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[
            ("form[display_name]", form.display_name.clone()),
            ("form[username]", form.username.clone()),
            ("form[phone]", form.phone.clone()),
            ("form[role]", form.role.clone()),
        ]);
        let member =
            super::super::service::members::add(&ctx.state, &ctx.request, &auth, organisation_id, form).await?;
        crate::forms::flash_notice(crate::i18n::Text::new(
            format!("已添加 {}，首次登录需修改初始密码", member.display_name),
            format!(
                "{} was added and must change the initial password at first login",
                member.display_name
            ),
        ));
        Ok(member)
    })
    .await
}

/// Returns a member's full phone number and records the view in the audit log.
#[server(prefix = "/api", endpoint = "orgs/member-phone")]
pub async fn member_phone(organisation_id: i64, user_id: i64) -> Result<String, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let phone =
            super::super::service::members::reveal_phone(&ctx.state, &ctx.request, &auth, organisation_id, user_id)
                .await?;
        crate::forms::flash_notice(crate::i18n::Text::new(phone.clone(), phone.clone()));
        Ok(phone)
    })
    .await
}

/// Resets a member's password to a new initial one.
#[server(prefix = "/api", endpoint = "orgs/reset-password")]
pub async fn reset_member_password(organisation_id: i64, user_id: i64, new_password: String) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::members::reset_password(
            &ctx.state,
            &ctx.request,
            &auth,
            organisation_id,
            user_id,
            new_password,
        )
        .await?;
        crate::forms::flash_notice(crate::i18n::Text::new(
            "已重置密码，对方下次登录时须修改",
            "Password reset; they must change it at next login",
        ));
        Ok(())
    })
    .await
}
