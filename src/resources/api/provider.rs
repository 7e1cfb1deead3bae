//! The provider's resources: list, create, edit, and the workflow steps.

use leptos::prelude::*;

use super::super::form::{ResourceDetails, ResourceForm, ResourceList};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Text;

/// The caller's provider's resources.
#[server(prefix = "/api", endpoint = "resources/mine")]
pub async fn my_resources(page: u64) -> Result<ResourceList, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::records::list_own(&ctx.state, &auth, page).await }).await
}

/// One resource, for its provider or a reviewing officer.
#[server(prefix = "/api", endpoint = "resources/get")]
pub async fn load_resource_details(id: i64) -> Result<ResourceDetails, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::records::details(&ctx.state, &auth, id).await }).await
}

/// Creates a draft resource and opens it for editing.
#[server(prefix = "/api", endpoint = "resources/create")]
pub async fn create_resource(form: ResourceForm) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::remember_resource_form(&form);
        let resource = super::super::validate::check_resource_form(&form)?;
        let id = super::super::service::records::create(&ctx.state, &auth, resource).await?;
        crate::forms::flash_notice(Text::new(
            "已保存为草稿。填写完整后请提交审核",
            "Saved as a draft. Submit it for review when it is complete",
        ));
        leptos_axum::redirect(&format!("/provider/resources/{id}"));
        Ok(())
    })
    .await
}

/// Saves an edit; `version` is the one the form was loaded with.
#[server(prefix = "/api", endpoint = "resources/update")]
pub async fn update_resource(id: i64, version: i32, form: ResourceForm) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::remember_resource_form(&form);
        let resource = super::super::validate::check_resource_form(&form)?;
        super::super::service::records::update(&ctx.state, &auth, id, version, resource).await?;
        crate::forms::flash_notice(Text::new("已保存", "Saved"));
        leptos_axum::redirect(&format!("/provider/resources/{id}"));
        Ok(())
    })
    .await
}

/// Submits a resource for review (提交审核).
#[server(prefix = "/api", endpoint = "resources/submit")]
pub async fn submit_resource(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::workflow::submit(&ctx.state, &auth, id).await?;
        crate::forms::flash_notice(Text::new(
            "已提交审核，教育局审核后会通知结果",
            "Submitted for review; the bureau will decide",
        ));
        leptos_axum::redirect(&format!("/provider/resources/{id}"));
        Ok(())
    })
    .await
}

/// Publishes an approved resource to the directory.
#[server(prefix = "/api", endpoint = "resources/publish")]
pub async fn publish_resource(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::workflow::publish(&ctx.state, &auth, id).await?;
        crate::forms::flash_notice(Text::new(
            "已发布，公众可以在资源目录中看到它",
            "Published to the directory",
        ));
        leptos_axum::redirect(&format!("/provider/resources/{id}"));
        Ok(())
    })
    .await
}

/// Takes a published resource out of the directory.
#[server(prefix = "/api", endpoint = "resources/offline")]
pub async fn take_resource_offline(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::workflow::take_offline(&ctx.state, &auth, id).await?;
        crate::forms::flash_notice(Text::new("已下线", "Taken offline"));
        leptos_axum::redirect(&format!("/provider/resources/{id}"));
        Ok(())
    })
    .await
}

/// Records that the resource's details were checked and are still true.
#[server(prefix = "/api", endpoint = "resources/verify")]
pub async fn verify_resource(id: i64, back: String) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::workflow::verify(&ctx.state, &auth, id).await?;
        crate::forms::flash_notice(Text::new("已记录核实日期", "Marked as verified today"));
        // Only pages of this app are valid destinations.
        let back = if back.starts_with('/') && !back.starts_with("//") {
            back
        } else {
            format!("/provider/resources/{id}")
        };
        leptos_axum::redirect(&back);
        Ok(())
    })
    .await
}
