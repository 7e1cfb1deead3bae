//! Programmes of a resource, kept by its provider.

use leptos::prelude::*;

use super::super::form::{ProgrammeForm, ProgrammeView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Text;

/// Every programme of one of the caller's resources.
#[server(prefix = "/api", endpoint = "resources/programmes")]
pub async fn resource_programmes(resource_id: i64) -> Result<Vec<ProgrammeView>, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::programmes::list(&ctx.state, &auth, resource_id).await })
        .await
}

/// Adds a programme.
#[server(prefix = "/api", endpoint = "resources/add-programme")]
pub async fn add_programme(resource_id: i64, form: ProgrammeForm) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::remember_programme_form(&form);
        let programme = super::super::validate::check_programme_form(&form)?;
        super::super::service::programmes::create(&ctx.state, &auth, resource_id, programme).await?;
        crate::forms::flash_notice(Text::new("已添加课程", "Programme added"));
        leptos_axum::redirect(&format!("/provider/resources/{resource_id}/programmes"));
        Ok(())
    })
    .await
}

/// Replaces a programme's fields.
#[server(prefix = "/api", endpoint = "resources/update-programme")]
pub async fn update_programme(id: i64, form: ProgrammeForm) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let programme = super::super::validate::check_programme_form(&form)?;
        let resource_id = super::super::service::programmes::update(&ctx.state, &auth, id, programme).await?;
        crate::forms::flash_notice(Text::new("已保存课程", "Programme saved"));
        leptos_axum::redirect(&format!("/provider/resources/{resource_id}/programmes"));
        Ok(())
    })
    .await
}

/// Deletes a programme.
#[server(prefix = "/api", endpoint = "resources/delete-programme")]
pub async fn delete_programme(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let resource_id = super::super::service::programmes::delete(&ctx.state, &auth, id).await?;
        crate::forms::flash_notice(Text::new("已删除课程", "Programme deleted"));
        leptos_axum::redirect(&format!("/provider/resources/{resource_id}/programmes"));
        Ok(())
    })
    .await
}
