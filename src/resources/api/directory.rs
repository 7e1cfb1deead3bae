//! The public directory (资源展示): search and detail, open to everyone.

use leptos::prelude::*;

use super::super::public::{DirectoryPage, DirectoryQuery, PublicResource};
use crate::error::AppError;

/// Searches published resources. A logged-in caller whose organisation
/// has a location gets distances from it when no point is typed.
#[server(prefix = "/api", endpoint = "resources/search")]
pub async fn search_directory(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    use crate::accounts::service::location;
    use crate::server::context::{caller, run};
    run(|state| async move {
        let home = match caller(&state).await {
            Some(auth) => location::of_caller(&state, &auth).await?,
            None => None,
        };
        super::super::service::directory::search(&state, query, home).await
    })
    .await
}

/// A published resource with today's opening, map links and programmes.
#[server(prefix = "/api", endpoint = "resources/public")]
pub async fn load_public_resource(id: i64) -> Result<PublicResource, AppError> {
    use crate::server::context::run;
    run(|state| async move { super::super::service::directory::public_details(&state, id).await }).await
}
