//! Server functions of the photo page. Uploading is a multipart form post
//! handled in `photos::http`, so that it works without JavaScript.

use leptos::prelude::*;

use super::PhotoView;
use crate::error::AppError;

/// The photos of a resource, for its provider's photo page.
#[server(prefix = "/api", endpoint = "photos/list")]
pub async fn list_photos(resource_id: i64) -> Result<Vec<PhotoView>, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::service::list(&ctx.state, &auth, resource_id).await }).await
}

/// Deletes a photo and its stored versions.
#[server(prefix = "/api", endpoint = "photos/delete")]
pub async fn delete_photo(photo_id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::service::delete(&ctx.state, &auth, photo_id).await?;
        crate::forms::flash_notice(crate::i18n::Text::new("照片已删除", "Photo deleted"));
        Ok(())
    })
    .await
}
