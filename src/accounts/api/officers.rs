//! Creating bureau officers.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::orgs::picked_region;
use crate::error::AppError;

/// Fields a browser leaves out (an unchecked radio) default to empty and
/// are reported by validation, not by the decoder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficerForm {
    pub region: String,
    pub region_province: String,
    pub region_city: String,
    pub region_county: String,
    pub display_name: String,
    pub username: String,
    pub phone: String,
    pub initial_password: String,
}

impl OfficerForm {
    pub fn chosen_region(&self) -> String {
        picked_region(
            &self.region,
            &self.region_province,
            &self.region_city,
            &self.region_county,
        )
    }
}

/// Creates a bureau officer for a region below the caller's.
#[server(prefix = "/api", endpoint = "admin/create-officer")]
pub async fn create_officer(form: OfficerForm) -> Result<i64, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[
            ("form[region]", form.chosen_region()),
            ("form[display_name]", form.display_name.clone()),
            ("form[username]", form.username.clone()),
            ("form[phone]", form.phone.clone()),
        ]);
        let id = super::super::service::officers::create(&ctx.state, &ctx.request, &auth, form).await?;
        crate::forms::flash_notice(crate::i18n::Text::new(
            "已创建教育局管理员，首次登录需修改初始密码",
            "Officer created; they must change the initial password at first login",
        ));
        Ok(id)
    })
    .await
}
