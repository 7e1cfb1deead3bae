//! Server functions of the census pages. The upload itself is a multipart
//! form post handled in `census::http`, so that it works without
//! JavaScript.

use leptos::prelude::*;

use super::upload::UploadView;
use crate::error::AppError;

/// The upload named by `token`, as its result page shows it.
#[server(prefix = "/api", endpoint = "census/upload")]
pub async fn get_upload(token: String) -> Result<UploadView, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::service::upload::view(&ctx.state, &auth, &token).await }).await
}

/// Imports a checked sheet whose rows are all valid; returns how many
/// resources were created.
#[server(prefix = "/api", endpoint = "census/confirm")]
pub async fn confirm_import(token: String) -> Result<u32, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let count = super::service::import::confirm(&ctx.state, &ctx.request, &auth, &token).await?;
        crate::forms::flash_notice(super::texts::imported_notice(count));
        Ok(count)
    })
    .await
}
